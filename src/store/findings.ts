import type { Db } from './database.js';
import { isUniqueViolation } from './unique-violation.js';

/**
 * The findings' rows (src/domain/bottlenecks.ts raises them). A week's run records what
 * held that week, then posts from the rows: recording is idempotent per week, so a
 * second run, a restart or a replica finds the same rows and the run ledger posts each
 * message once.
 */
export interface FindingRow {
  id: number;
  key: string;
  firstWeek: string;
  lastWeek: string;
  clearedWeek: string | null;
  status: 'OPEN' | 'CLEARED' | 'DISMISSED';
  detail: string;
  channelId: string | null;
  threadTs: string | null;
  dismissedReason: string | null;
  dismissedById: string | null;
}

/** Week labels ("2026-11-16..2026-11-22") sort as their weeks do. */
const before = (a: string, b: string) => a < b;

/**
 * Records the findings that hold in `week`: a key with no finding still holding gets a
 * new one; one still holding is carried to this week; one that held until an earlier
 * week and not now has cleared (a dismissed one clears quietly, keeping its status).
 */
export async function recordWeekFindings(db: Db, workspaceId: string, week: string, holding: Array<{ key: string; detail: string }>): Promise<void> {
  const active = await db.finding.findMany({ where: { workspaceId, clearedWeek: null } });
  const holdingKeys = new Set(holding.map((finding) => finding.key));
  for (const finding of holding) {
    const current = active.find((row) => row.key === finding.key);
    if (current) {
      if (before(current.lastWeek, week)) await db.finding.updateMany({ where: { id: current.id, lastWeek: current.lastWeek }, data: { lastWeek: week } });
      continue;
    }
    try {
      await db.finding.create({ data: { workspaceId, key: finding.key, firstWeek: week, lastWeek: week, detail: finding.detail } });
    } catch (error) {
      // A replica's run of the same week recorded it first.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  for (const row of active) {
    if (holdingKeys.has(row.key) || !before(row.lastWeek, week)) continue;
    await db.finding.updateMany({
      where: { id: row.id, clearedWeek: null },
      data: { clearedWeek: week, ...(row.status === 'OPEN' ? { status: 'CLEARED' } : {}) },
    });
  }
}

/** What `week` has to say: findings first raised in it, open ones that still held, and those that cleared in it. */
export async function findingsOfWeek(db: Db, workspaceId: string, week: string): Promise<{ raised: FindingRow[]; persisting: FindingRow[]; cleared: FindingRow[] }> {
  const rows = await db.finding.findMany({ where: { workspaceId, OR: [{ lastWeek: week }, { clearedWeek: week }] }, orderBy: { id: 'asc' } });
  return {
    raised: rows.filter((row) => row.firstWeek === week),
    persisting: rows.filter((row) => row.status === 'OPEN' && row.lastWeek === week && row.firstWeek !== week),
    cleared: rows.filter((row) => row.status === 'CLEARED' && row.clearedWeek === week),
  };
}

/** Where a finding's message went: its thread takes the later weeks' replies. */
export async function recordFindingPost(db: Db, id: number, posted: { channelId: string; messageTs: string }): Promise<void> {
  await db.finding.update({ where: { id }, data: { channelId: posted.channelId, threadTs: posted.messageTs } });
}

export async function findingById(db: Db, workspaceId: string, id: number): Promise<FindingRow | undefined> {
  return (await db.finding.findFirst({ where: { workspaceId, id } })) ?? undefined;
}

/** "Not a problem": kept with who said so and why; a dismissed finding gets no more replies. */
export async function dismissFinding(db: Db, workspaceId: string, id: number, dismissal: { reason: string; userId: string; now: Date }): Promise<FindingRow | undefined> {
  const { count } = await db.finding.updateMany({
    where: { workspaceId, id },
    data: { status: 'DISMISSED', dismissedReason: dismissal.reason, dismissedById: dismissal.userId, dismissedAt: dismissal.now },
  });
  return count === 1 ? findingById(db, workspaceId, id) : undefined;
}
