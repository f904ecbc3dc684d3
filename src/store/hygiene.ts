import type { Prisma } from '../generated/sqlite/client.js';
import { TOUCH_COLUMNS } from '../domain/follow-ups.js';
import { OPEN_STAGES } from '../domain/stages.js';
import type { Db } from './database.js';

/**
 * The leads `/lead hygiene` may have something to say about: a superset the database
 * finds with its indexes and column comparisons, each then judged by the domain's rules
 * (src/domain/hygiene.ts). A clean lead is never read.
 */

/** How many suspect leads one look reads; a team with more hears that it saw only these. */
export const HYGIENE_READ = 10_000;

const ORDERED = ['acquiredAt', 'contactedAt', 'discoveryAt', 'proposalAt', 'negotiationAt', 'wonAt'] as const;

export async function hygieneSuspects(db: Db, workspaceId: string, options: { ownerId?: string; unownedId: string; zombieBefore: Date }) {
  const field = db.lead.fields;
  // A later stage's time before an earlier one's, for any two of them (a stage between may be unset).
  const outOfOrder: Prisma.LeadWhereInput[] = [];
  ORDERED.forEach((earlier, index) => {
    for (const later of ORDERED.slice(index + 1)) outOfOrder.push({ [later]: { lt: field[earlier] } });
  });
  for (const earlier of ORDERED.slice(0, -1)) outOfOrder.push({ lostAt: { lt: field[earlier] } });
  outOfOrder.push({ wonAt: { not: null }, lostAt: { not: null } });
  const zombie: Prisma.LeadWhereInput = {
    stage: { in: [...OPEN_STAGES] },
    pooledAt: null,
    // Every lead has its acquisition time; the other touches may be unset.
    AND: TOUCH_COLUMNS.map((column) => (column === 'acquiredAt' ? { acquiredAt: { lt: options.zombieBefore } } : { OR: [{ [column]: null }, { [column]: { lt: options.zombieBefore } }] })),
  };
  const where: Prisma.LeadWhereInput = {
    workspaceId,
    ...(options.ownerId ? { ownerId: options.ownerId } : {}),
    OR: [{ sourceChannel: null }, { sourceChannel: '' }, { industry: null }, { industry: '' }, { ownerId: options.unownedId }, ...outOfOrder, zombie],
  };
  const rows = await db.lead.findMany({
    where,
    orderBy: { number: 'asc' },
    take: HYGIENE_READ + 1,
    select: {
      number: true,
      name: true,
      ownerId: true,
      stage: true,
      sourceChannel: true,
      industry: true,
      acquiredAt: true,
      contactedAt: true,
      discoveryAt: true,
      proposalAt: true,
      negotiationAt: true,
      wonAt: true,
      lostAt: true,
      lastFollowUpAt: true,
      nextFollowUpAt: true,
      claimedAt: true,
      pooledAt: true,
    },
  });
  return { rows: rows.slice(0, HYGIENE_READ), more: rows.length > HYGIENE_READ };
}
