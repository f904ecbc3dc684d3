import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bottleneckFlagPosts } from '../../src/digests/bottleneck-flags.js';
import { findingMessage } from '../../src/slack/blocks/finding.js';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';
import { BASELINE_MONDAYS, FLAG_ZONE, flagRunAfter, leftContacted } from '../support/flag-weeks.js';

/** The team's own margin (`/lead config`): 60% against the usual 25% is 35 points, flagged under a margin of 30, not under 40. */
describe.each(DATABASES)('the flag margin a team sets (%s)', (kind) => {
  let database: TestDatabase;
  const at = flagRunAfter('2026-11-16');
  const workspace = (flagMarginPoints: number) => ({ id: 'T0MARGIN', timeZone: FLAG_ZONE, locale: 'en' as const, flagMarginPoints });

  beforeAll(async () => {
    database = await freshDatabase(kind);
    await database.db.workspace.create({ data: { id: 'T0MARGIN', timeZone: FLAG_ZONE, locale: 'en' } });
    for (const monday of BASELINE_MONDAYS) await leftContacted(database.db, 'T0MARGIN', monday, { lost: 5, total: 20 });
    await leftContacted(database.db, 'T0MARGIN', '2026-11-16', { lost: 12, total: 20 });
  });
  afterAll(() => database?.drop());

  it('a margin wider than the change keeps it quiet', async () => {
    expect(await bottleneckFlagPosts(database, workspace(40), at)).toEqual([]);
    expect(await database.db.finding.count()).toBe(0);
  });

  it('a narrower one flags it, and the message says which margin it was judged by', async () => {
    const posts = await bottleneckFlagPosts(database, workspace(30), at);
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    if (post.draft.kind !== 'finding') throw new Error('expected a finding');
    expect(JSON.stringify(findingMessage(post.draft.model, {}).blocks)).toContain('flagged from 30 points at 95%');
  });
});
