/** Prisma's code for an insert that hit a unique key: another claimant was first. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === 'P2002';
}
