import type { LeadToExport } from '../domain/lead-sheet-export.js';
import type { Db } from './database.js';

/** Leads a page: big enough that a million leads take a thousand queries, small enough that a page's rows and tags stay a few MB. */
export const EXPORT_PAGE_LEADS = 1000;

/**
 * A workspace's leads for the export by lead number, a page at a time. Keyset pagination
 * on the unique (workspaceId, number) index (`number > last`) instead of OFFSET, so each
 * page is one index range whatever its depth, and memory holds one page: a million leads
 * export in flat memory. (Paging by id looked the same but no index starts with
 * (workspaceId, id): SQLite sorted every lead of the workspace for each page.)
 */
export async function* leadsToExport(db: Db, workspaceId: string, options: { acquired?: { start: Date; end: Date }; pageLeads?: number } = {}): AsyncGenerator<LeadToExport[]> {
  const take = options.pageLeads ?? EXPORT_PAGE_LEADS;
  const acquiredAt = options.acquired ? { gte: options.acquired.start, lt: options.acquired.end } : undefined;
  // A workspace has tens of loss reasons, not millions: read once, then each page's links are a flat read.
  const reasons = new Map((await db.tag.findMany({ where: { workspaceId, kind: 'LOSS_REASON' }, select: { id: true, key: true, label: true }, orderBy: { id: 'asc' } })).map((tag) => [tag.id, { key: tag.key, label: tag.label }]));
  let after: string | undefined;
  for (;;) {
    const page = await db.lead.findMany({
      where: { workspaceId, ...(after !== undefined ? { number: { gt: after } } : {}), ...(acquiredAt ? { acquiredAt } : {}) },
      orderBy: { number: 'asc' },
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
    const first = page[0]!.number;
    after = page[page.length - 1]!.number;
    // The page's number range, not an IN list of its ids: SQLite caps bound parameters below a page.
    // A link of a lead in the range but not the page (of another period) is not looked up.
    const links = reasons.size === 0 ? [] : await db.leadTag.findMany({ where: { lead: { workspaceId, number: { gte: first, lte: after } } }, select: { leadId: true, tagId: true }, orderBy: [{ leadId: 'asc' }, { tagId: 'asc' }] });
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
