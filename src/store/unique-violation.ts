/**
 * Prisma's code for an insert that hit a unique key: another claimant was first. A raw
 * statement's failure (P2010) says so through the driver adapter's error kind instead.
 */
export function isUniqueViolation(error: unknown): boolean {
  const { code, meta } = error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  return code === 'P2002' || (code === 'P2010' && meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation');
}
