import type { SearchQuery } from '../domain/lead-keys.js';
import { OPEN_STAGES, type Stage } from '../domain/stages.js';
import type { Db } from './database.js';
import type { Provider } from './schema-source.js';

/**
 * Finding leads by what people remember of them, and the duplicate check of /lead new.
 * Every lookup is one index range with a LIMIT, so each stays a few milliseconds at a
 * million leads (bench/find.ts): the unique (workspace, number) index for numbers, the
 * key indexes for exact names, emails and phones, and the full-text index over the
 * pre-tokenized searchText (src/domain/lead-keys.ts), whose SQL differs per database.
 */

export interface LeadHit {
  number: string;
  name: string;
  stage: Stage;
  ownerId: string;
}

const HIT = { number: true, name: true, stage: true, ownerId: true } as const;

/** Digit strings sort as text, and ':' is the character after '9': [digits, digits + ':') is every number they start. */
function numberPrefix(digits: string) {
  return { gte: digits, lt: `${digits}:` };
}

/** The FTS5 query: a phrase per group, the last token a prefix where the group allows it. Tokens are letters and digits only. */
function fts5Match(query: SearchQuery): string {
  return query.groups.map((group) => `"${group.tokens.join(' ')}"${group.prefix ? '*' : ''}`).join(' ');
}

/** The same as a PostgreSQL tsquery: pairs followed by pairs (<->), groups all required (&). */
function tsQuery(query: SearchQuery): string {
  return query.groups
    .map((group) => `(${group.tokens.map((token, index) => (group.prefix && index === group.tokens.length - 1 ? `${token}:*` : token)).join(' <-> ')})`)
    .join(' & ');
}

/** Full-text matches, newest first: both indexes hand their matches back in row order, so the LIMIT stops the scan early. */
async function textMatches(db: Db, provider: Provider, workspaceId: string, query: SearchQuery, limit: number): Promise<LeadHit[]> {
  if (query.groups.length === 0) return [];
  if (provider === 'sqlite') {
    return db.$queryRaw<LeadHit[]>`
      SELECT "lead"."number", "lead"."name", "lead"."stage", "lead"."ownerId"
      FROM "lead_search" JOIN "lead" ON "lead"."id" = "lead_search"."rowid"
      WHERE "lead_search" MATCH ${fts5Match(query)} AND "lead"."workspaceId" = ${workspaceId}
      ORDER BY "lead_search"."rowid" DESC LIMIT ${limit}`;
  }
  // The expression of the GIN index in the migration, exactly, or the index is not used.
  return db.$queryRaw<LeadHit[]>`
    SELECT "number", "name", "stage"::text AS "stage", "ownerId" FROM "lead"
    WHERE "workspaceId" = ${workspaceId}
      AND to_tsvector('simple'::regconfig, COALESCE("searchText", '')) @@ to_tsquery('simple'::regconfig, ${tsQuery(query)})
    ORDER BY "id" DESC LIMIT ${limit}`;
}

/**
 * The leads a query finds, best first: the lead with that very number, leads whose name,
 * email or phone is the query exactly, numbers that start with it, then text matches
 * (name, campaign, email, phone; 中文 by character pairs) from the newest.
 */
export async function searchLeads(db: Db, provider: Provider, workspaceId: string, query: SearchQuery, limit: number): Promise<LeadHit[]> {
  const found = new Map<string, LeadHit>();
  const add = (hits: LeadHit[]) => {
    for (const hit of hits) if (found.size < limit && !found.has(hit.number)) found.set(hit.number, hit);
  };
  const newest = { orderBy: { id: 'desc' as const }, take: limit, select: HIT };
  if (query.digits) {
    const exact = await db.lead.findUnique({ where: { workspaceId_number: { workspaceId, number: query.digits } }, select: HIT });
    if (exact) add([exact]);
  }
  if (query.nameKey) add(await db.lead.findMany({ where: { workspaceId, nameKey: query.nameKey }, ...newest }));
  if (query.emailKey) add(await db.lead.findMany({ where: { workspaceId, emailKey: query.emailKey }, ...newest }));
  if (query.phoneKey) add(await db.lead.findMany({ where: { workspaceId, phoneKey: query.phoneKey }, ...newest }));
  if (found.size < limit && query.digits) {
    add(await db.lead.findMany({ where: { workspaceId, number: numberPrefix(query.digits) }, orderBy: { number: 'desc' }, take: limit, select: HIT }));
  }
  if (found.size < limit) add(await textMatches(db, provider, workspaceId, query, limit));
  return [...found.values()];
}

export type DuplicateReason = 'company' | 'email' | 'phone';

export interface DuplicateMatch extends LeadHit {
  reasons: DuplicateReason[];
}

const OPEN = { in: [...OPEN_STAGES] };

/**
 * Leads a new one may duplicate: the same company (any stage: a won customer added again
 * by another rep is the waste DOMAIN.md warns of), or the same contact email or phone on
 * an open lead. Open leads first, then the newest; one index lookup per key.
 */
export async function duplicatesOf(db: Db, workspaceId: string, keys: { nameKey?: string | null; emailKey?: string | null; phoneKey?: string | null }, limit: number): Promise<DuplicateMatch[]> {
  const select = { ...HIT, id: true } as const;
  const take = { orderBy: { id: 'desc' as const }, take: limit * 4, select };
  const [byName, byEmail, byPhone] = await Promise.all([
    keys.nameKey ? db.lead.findMany({ where: { workspaceId, nameKey: keys.nameKey }, ...take }) : [],
    keys.emailKey ? db.lead.findMany({ where: { workspaceId, emailKey: keys.emailKey, stage: OPEN }, ...take }) : [],
    keys.phoneKey ? db.lead.findMany({ where: { workspaceId, phoneKey: keys.phoneKey, stage: OPEN }, ...take }) : [],
  ]);
  const matches = new Map<number, DuplicateMatch & { id: number }>();
  const note = (rows: Array<LeadHit & { id: number }>, reason: DuplicateReason) => {
    for (const row of rows) {
      const match = matches.get(row.id) ?? { ...row, reasons: [] };
      match.reasons.push(reason);
      matches.set(row.id, match);
    }
  };
  note(byName, 'company');
  note(byEmail, 'email');
  note(byPhone, 'phone');
  const open = new Set<Stage>(OPEN_STAGES);
  return [...matches.values()]
    .sort((a, b) => Number(open.has(b.stage)) - Number(open.has(a.stage)) || b.id - a.id)
    .slice(0, limit)
    .map(({ id: _id, ...match }) => match);
}
