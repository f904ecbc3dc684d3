import { leadKeys } from '../domain/lead-keys.js';
import type { Db } from './database.js';

/** The migration that added the key columns; leads from before it get their keys here. */
export const LEAD_KEYS_MIGRATION = '_lead_contacts_and_search';

const BATCH = 1000;

/**
 * Writes the matching and search keys of leads that have none, oldest first, a batch
 * per transaction. Run once, when the migration that added the columns is applied: the
 * keys need NFKC, legal forms and CJK pairs (src/domain/lead-keys.ts), which SQL cannot
 * compute. The key columns are an index of the values, so this changes no lead's
 * version and writes no journal entry.
 */
export async function backfillLeadKeys(db: Db): Promise<number> {
  let written = 0;
  for (let after = 0; ; ) {
    const leads = await db.lead.findMany({
      where: { id: { gt: after } },
      orderBy: { id: 'asc' },
      take: BATCH,
      select: { id: true, name: true, campaign: true, contactEmail: true, contactPhone: true, nameKey: true, searchText: true },
    });
    if (leads.length === 0) return written;
    after = leads.at(-1)!.id;
    const missing = leads.filter((lead) => lead.nameKey === null && lead.searchText === null);
    await db.$transaction(missing.map((lead) => db.lead.update({ where: { id: lead.id }, data: leadKeys(lead) })));
    written += missing.length;
  }
}
