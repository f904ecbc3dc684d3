import type { LeadToExport } from '../domain/lead-sheet-export.js';
import type { Db } from './database.js';

/** Leads a page: big enough that a million leads take a thousand queries, small enough that a page's rows and tags stay a few MB. */
export const EXPORT_PAGE_LEADS = 1000;

/**
 * A workspace's leads for the export, oldest first, a page at a time. Keyset pagination on
 * the id (`id > last`) instead of OFFSET: each page is one index range whatever its depth,
 * and memory holds one page, so a million leads export in flat memory.
 */
export async function* leadsToExport(db: Db, workspaceId: string, options: { acquired?: { start: Date; end: Date }; pageLeads?: number } = {}): AsyncGenerator<LeadToExport[]> {
  const take = options.pageLeads ?? EXPORT_PAGE_LEADS;
  const acquiredAt = options.acquired ? { gte: options.acquired.start, lt: options.acquired.end } : undefined;
  // A workspace has tens of loss reasons, not millions: read once, then each page's links are a flat read.
  const reasons = new Map((await db.tag.findMany({ where: { workspaceId, kind: 'LOSS_REASON' }, select: { id: true, key: true, label: true }, orderBy: { id: 'asc' } })).map((tag) => [tag.id, { key: tag.key, label: tag.label }]));
  let after = 0;
  for (;;) {
    const page = await db.lead.findMany({
      where: { workspaceId, id: { gt: after }, ...(acquiredAt ? { acquiredAt } : {}) },
      orderBy: { id: 'asc' },
      take,
      select: {
        id: true,
        number: true,
        name: true,
        sourceChannel: true,
        campaign: true,
        contentAsset: true,
        acquiredAt: true,
        ownerId: true,
        customerType: true,
        industry: true,
        contactedAt: true,
        discoveryAt: true,
        proposalAt: true,
        negotiationAt: true,
        wonAt: true,
        lostAt: true,
        stage: true,
        dealAmountMinor: true,
        acquisitionCostMinor: true,
        notes: true,
        score: true,
      },
    });
    if (page.length === 0) return;
    after = page[page.length - 1]!.id;
    // The page's id range, not an IN list of its ids: SQLite caps bound parameters below a page. Links of
    // leads in the range but not the page (another workspace's, another period's) name none of these tags or are not looked up.
    const links = reasons.size === 0 ? [] : await db.leadTag.findMany({ where: { leadId: { gte: page[0]!.id, lte: after } }, select: { leadId: true, tagId: true }, orderBy: [{ leadId: 'asc' }, { tagId: 'asc' }] });
    const tagsOf = new Map<number, Array<{ key: string; label: string }>>();
    for (const link of links) {
      const reason = reasons.get(link.tagId);
      if (reason) tagsOf.set(link.leadId, [...(tagsOf.get(link.leadId) ?? []), reason]);
    }
    yield page.map(({ id, ...lead }) => ({ ...lead, lossReasons: tagsOf.get(id) ?? [] }));
    if (page.length < take) return;
  }
}

/** The names the bot knows for the workspace's people: a team has tens or thousands, never as many as leads. */
export async function memberNames(db: Db, workspaceId: string): Promise<Map<string, string>> {
  const members = await db.member.findMany({ where: { workspaceId }, select: { userId: true, name: true } });
  return new Map(members.map((member) => [member.userId, member.name]));
}
