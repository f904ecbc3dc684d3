/**
 * Bulk seeding for bench/digest.ts: the demo team of src/demo/ at 10k–1M leads.
 *
 * seedDemo() cannot do 1M: it has generateDemoLeads() build every lead, with its history
 * and follow-ups, in memory at once (about 4 KB a lead: 4 GB for 1M). So this generates
 * the same leads in chunks (generateDemoLeads with a distinct seed per chunk; the union
 * has the same distribution over the same weeks) and writes them straight through the
 * driver: better-sqlite3 with one prepared statement, or pg with one
 * INSERT … SELECT FROM unnest(…) per chunk.
 *
 * Written: the workspace, its leads, the lead-number sequences, and the tags with lead_tag
 * rows (each lead's source channel, each lost lead's loss reasons), i.e. every table the
 * funnel digest reads (topLossReasons joins lead_tag and tag). Stage history, owner
 * changes, follow-ups and goals are left out (the `leadsOnly` of seedDemo): the funnel
 * digest does not read them.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { DEMO_OWNERS, generateDemoLeads, type DemoLead } from '../src/demo/demo-data.js';
import { formatLeadNumber } from '../src/domain/lead-number.js';
import { KNOWN_LOSS_REASONS, KNOWN_SOURCE_CHANNELS } from '../src/domain/tags.js';

export interface SeedSpec {
  workspaceId: string;
  timeZone: string;
  locale: 'en' | 'zh';
  /** The end of the seeded span: the digest's "now". */
  now: Date;
  leads: number;
  weeks: number;
}

export interface SeedCounts {
  leads: number;
  leadTags: number;
}

/** Leads generated (and held in memory) at a time: ~40 MB of DemoLead objects. */
const CHUNK = 10_000;

/**
 * A team that brings in 1M leads in half a year (~38k a week) is not 8 reps; about
 * 5,000 leads per rep over the span keeps per-owner groups (waitingByOwner) realistic.
 */
function ownersFor(leads: number): string[] {
  const count = Math.max(DEMO_OWNERS.length, Math.ceil(leads / 5000));
  return count === DEMO_OWNERS.length ? [...DEMO_OWNERS] : Array.from({ length: count }, (_, i) => `U0BENCH${String(i + 1).padStart(4, '0')}`);
}

/**
 * The demo leads in chunks, renumbered across chunks: each generateDemoLeads call numbers
 * its own leads from 001 per day, so the day prefix is kept and the sequence continues
 * from the previous chunks, keeping (workspaceId, number) unique as the schema requires.
 */
function* demoLeadChunks(spec: SeedSpec, lastSequence: Map<string, number>): Generator<DemoLead[]> {
  const owners = ownersFor(spec.leads);
  for (let start = 0, chunk = 0; start < spec.leads; start += CHUNK, chunk++) {
    const leads = generateDemoLeads({ count: Math.min(CHUNK, spec.leads - start), now: spec.now, timeZone: spec.timeZone, weeks: spec.weeks, owners, seed: 20231001 + chunk });
    for (const lead of leads) {
      const day = lead.number.slice(0, 8);
      const sequence = (lastSequence.get(day) ?? 0) + 1;
      lastSequence.set(day, sequence);
      lead.number = formatLeadNumber(day, sequence);
    }
    yield leads;
  }
}

/** The lead columns written, in order; the rest keep their defaults (NULL). */
const LEAD_COLUMNS = [
  'workspaceId', 'number', 'name', 'sourceChannel', 'sourceChannelKey', 'campaign', 'contentAsset', 'customerType', 'industry', 'ownerId', 'createdById', 'stage',
  'acquiredAt', 'contactedAt', 'discoveryAt', 'proposalAt', 'negotiationAt', 'wonAt', 'lostAt', 'dealAmountMinor', 'nextFollowUpAt', 'lastFollowUpAt', 'createdAt', 'updatedAt',
] as const;

type Cell = string | number | bigint | null;

function leadRow(workspaceId: string, lead: DemoLead, date: (at: Date | null) => string | null, createdAt: string): Cell[] {
  return [
    workspaceId, lead.number, lead.name, lead.sourceChannel, lead.sourceChannelKey, lead.campaign, lead.contentAsset, lead.customerType, lead.industry, lead.ownerId, lead.ownerId, lead.stage,
    date(lead.acquiredAt), date(lead.contactedAt), date(lead.discoveryAt), date(lead.proposalAt), date(lead.negotiationAt), date(lead.wonAt), date(lead.lostAt),
    lead.dealAmountMinor, date(lead.nextFollowUpAt), date(lead.lastFollowUpAt), createdAt, createdAt,
  ];
}

const TAGS = [
  ...KNOWN_LOSS_REASONS.map((tag) => ({ kind: 'LOSS_REASON' as const, key: tag.key, label: tag.zh })),
  ...KNOWN_SOURCE_CHANNELS.map((tag) => ({ kind: 'SOURCE_CHANNEL' as const, key: tag.key, label: tag.zh })),
];

function tagIdsOf(lead: DemoLead, tagIds: Map<string, number>): number[] {
  return [`SOURCE_CHANNEL:${lead.sourceChannelKey}`, ...lead.lossReasons.map((reason) => `LOSS_REASON:${reason}`)].map((key) => tagIds.get(key)!);
}

// ---------------------------------------------------------------------------------------
// SQLite

/**
 * Exactly what @prisma/adapter-better-sqlite3 binds for a Date with its default
 * timestampFormat "iso8601" (mapArg: `arg.toISOString().replace("Z", "+00:00")`), so the
 * digest's range comparisons, which are text comparisons in SQLite, see what the app
 * would have written. Minor units are bound as BigInt, which better-sqlite3 stores as INTEGER.
 */
export function sqliteDate(at: Date | null): string | null {
  return at === null ? null : at.toISOString().replace('Z', '+00:00');
}

/** Seeds a migrated SQLite database file. Transactions of one chunk keep the WAL small. */
export function seedSqlite(file: string, spec: SeedSpec): SeedCounts {
  const db = new Database(file);
  try {
    // Only for this bulk load: nothing is lost that a rerun of the benchmark would not redo.
    db.pragma('synchronous = OFF');
    const createdAt = sqliteDate(new Date())!;
    db.prepare(`INSERT INTO "workspace" ("id", "name", "timeZone", "locale", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`).run(spec.workspaceId, 'leadops bench', spec.timeZone, spec.locale, createdAt, createdAt);
    const insertTag = db.prepare(`INSERT INTO "tag" ("workspaceId", "kind", "key", "label", "createdAt") VALUES (?, ?, ?, ?, ?)`);
    const tagIds = new Map(TAGS.map((tag) => [`${tag.kind}:${tag.key}`, Number(insertTag.run(spec.workspaceId, tag.kind, tag.key, tag.label, createdAt).lastInsertRowid)]));

    const insertLead = db.prepare(`INSERT INTO "lead" (${LEAD_COLUMNS.map((column) => `"${column}"`).join(', ')}) VALUES (${LEAD_COLUMNS.map(() => '?').join(', ')})`);
    const insertLeadTag = db.prepare(`INSERT INTO "lead_tag" ("leadId", "tagId") VALUES (?, ?)`);
    const counts: SeedCounts = { leads: 0, leadTags: 0 };
    const writeChunk = db.transaction((leads: DemoLead[]) => {
      for (const lead of leads) {
        const id = insertLead.run(leadRow(spec.workspaceId, lead, sqliteDate, createdAt)).lastInsertRowid;
        const leadTagIds = tagIdsOf(lead, tagIds);
        for (const tagId of leadTagIds) insertLeadTag.run(id, tagId);
        counts.leadTags += leadTagIds.length;
      }
      counts.leads += leads.length;
    });
    const lastSequence = new Map<string, number>();
    for (const leads of demoLeadChunks(spec, lastSequence)) writeChunk(leads);

    const insertSequence = db.prepare(`INSERT INTO "lead_number_sequence" ("workspaceId", "day", "lastValue") VALUES (?, ?, ?)`);
    db.transaction(() => {
      for (const [day, lastValue] of lastSequence) insertSequence.run(spec.workspaceId, day, lastValue);
    })();
    // No ANALYZE: the app never runs it, so the digest must be measured with the query
    // plans a real database gets. Fold the WAL back so the measurement starts from a plain file.
    db.pragma('wal_checkpoint(TRUNCATE)');
    return counts;
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------
// PostgreSQL

/** Prisma keeps DateTime in `timestamp(3)` (without zone) as UTC wall-clock time. */
function postgresDate(at: Date | null): string | null {
  return at === null ? null : at.toISOString().replace('Z', '');
}

const POSTGRES_TYPES: Record<(typeof LEAD_COLUMNS)[number], string> = {
  workspaceId: 'text', number: 'text', name: 'text', sourceChannel: 'text', sourceChannelKey: 'text', campaign: 'text', contentAsset: 'text',
  customerType: '"CustomerType"', industry: 'text', ownerId: 'text', createdById: 'text', stage: '"Stage"',
  acquiredAt: 'timestamp(3)', contactedAt: 'timestamp(3)', discoveryAt: 'timestamp(3)', proposalAt: 'timestamp(3)', negotiationAt: 'timestamp(3)',
  wonAt: 'timestamp(3)', lostAt: 'timestamp(3)', dealAmountMinor: 'bigint', nextFollowUpAt: 'timestamp(3)', lastFollowUpAt: 'timestamp(3)',
  createdAt: 'timestamp(3)', updatedAt: 'timestamp(3)',
};

/** Seeds a migrated PostgreSQL database: one INSERT … SELECT FROM unnest(column arrays) per chunk. */
export async function seedPostgres(url: string, spec: SeedSpec): Promise<SeedCounts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const createdAt = postgresDate(new Date())!;
    await client.query(`INSERT INTO "workspace" ("id", "name", "timeZone", "locale", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $5)`, [spec.workspaceId, 'leadops bench', spec.timeZone, spec.locale, createdAt]);
    const tagIds = new Map<string, number>();
    for (const tag of TAGS) {
      const { rows } = await client.query<{ id: number }>(`INSERT INTO "tag" ("workspaceId", "kind", "key", "label", "createdAt") VALUES ($1, $2, $3, $4, $5) RETURNING "id"`, [spec.workspaceId, tag.kind, tag.key, tag.label, createdAt]);
      tagIds.set(`${tag.kind}:${tag.key}`, rows[0]!.id);
    }
    const insertLeads = `INSERT INTO "lead" (${LEAD_COLUMNS.map((column) => `"${column}"`).join(', ')})
      SELECT * FROM unnest(${LEAD_COLUMNS.map((column, index) => `$${index + 1}::${POSTGRES_TYPES[column]}[]`).join(', ')})
      RETURNING "id", "number"`;
    const counts: SeedCounts = { leads: 0, leadTags: 0 };
    const lastSequence = new Map<string, number>();
    for (const leads of demoLeadChunks(spec, lastSequence)) {
      const columns: Cell[][] = LEAD_COLUMNS.map(() => []);
      for (const lead of leads) leadRow(spec.workspaceId, lead, postgresDate, createdAt).forEach((cell, index) => columns[index]!.push(cell));
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: number; number: string }>(insertLeads, columns);
      // RETURNING's order is not promised to follow unnest's, so ids are matched by number.
      const ids = new Map(rows.map((row) => [row.number, row.id]));
      const leadIds: number[] = [];
      const leadTagIds: number[] = [];
      for (const lead of leads) {
        for (const tagId of tagIdsOf(lead, tagIds)) {
          leadIds.push(ids.get(lead.number)!);
          leadTagIds.push(tagId);
        }
      }
      await client.query(`INSERT INTO "lead_tag" ("leadId", "tagId") SELECT * FROM unnest($1::int[], $2::int[])`, [leadIds, leadTagIds]);
      await client.query('COMMIT');
      counts.leads += leads.length;
      counts.leadTags += leadIds.length;
    }
    const sequences = [...lastSequence];
    await client.query(`INSERT INTO "lead_number_sequence" ("workspaceId", "day", "lastValue") SELECT $1::text, * FROM unnest($2::text[], $3::int[])`, [
      spec.workspaceId,
      sequences.map(([day]) => day),
      sequences.map(([, lastValue]) => lastValue),
    ]);
    // Autovacuum would vacuum and analyze the new rows a little later; a database in
    // production has had that happen long ago, so the plans are measured as they are there:
    // with statistics, and with the visibility map set (without it PostgreSQL will not pick
    // an index-only scan over a large range, e.g. the covering acquiredAt index).
    await client.query('VACUUM ANALYZE');
    return counts;
  } finally {
    await client.end();
  }
}
