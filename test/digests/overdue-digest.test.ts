import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/store/demo-seed.js';
import { overdueDraft } from '../../src/digests/drafts.js';
import { digestMessage } from '../../src/slack/blocks/digest-message.js';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';
import { expectWithinSlackLimits } from '../support/slack-limits.js';

const NOW = new Date('2026-11-23T01:30:00Z');
const names = async (ids: string[]) => new Map(ids.map((id) => [id, `name-${id}`]));

describe.each(DATABASES)('the overdue digest (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    await seedDemo(database.db, { workspaceId: 'T0DEMO', timeZone: 'Asia/Shanghai', locale: 'en', now: NOW, seed: 9, leads: 400 });
  });
  afterAll(() => database?.drop());

  it('mentions exactly the owners who have overdue leads, with their oldest ones by number', async () => {
    const draft = await overdueDraft(database, { id: 'T0DEMO', timeZone: 'Asia/Shanghai', locale: 'en', currency: 'CNY' }, NOW, names);
    const message = digestMessage(draft, { images: { overdue: 'F9' } });
    const text = JSON.stringify(message.blocks);
    const mentioned = [...text.matchAll(/<@(U0DEMO\d\d)> — \*(\d+)\* overdue/g)].map((match) => [match[1], Number(match[2])]);
    expect(mentioned.length).toBeGreaterThan(0);
    expect(mentioned.every(([, count]) => (count as number) > 0)).toBe(true);
    expect(text).toMatch(/Oldest: \*\d{11}\* /);
    expect(message.blocks.find((block) => block.type === 'image')).toMatchObject({ slack_file: { id: 'F9' } });
    expectWithinSlackLimits(message);
    expect(JSON.stringify(draft.charts[0]!.spec)).toContain('name-U0DEMO0');
  });

  it('draws the lateness chart natively where the workspace takes it: a bar chart, a series per lateness bucket', async () => {
    const draft = await overdueDraft(database, { id: 'T0DEMO', timeZone: 'Asia/Shanghai', locale: 'zh', currency: 'CNY', nativeCharts: true }, NOW, names);
    expect(draft.nativeCharts).toBe(true);
    const message = digestMessage(draft, { native: true });
    const chart = message.blocks.find((block) => block.type === 'data_visualization') as { chart: { type: string; series: Array<{ name: string }> } };
    expect(chart.chart.type).toBe('bar');
    expect(chart.chart.series.map((series) => series.name)).toEqual(['1–3 天', '4–7 天', '8–30 天', '僵尸（30 天以上无联系）']);
    expectWithinSlackLimits(message);
  });

  it('says plainly when nothing is overdue, with no chart', async () => {
    const draft = await overdueDraft(database, { id: 'TEMPTY', timeZone: 'UTC', locale: 'en', currency: 'CNY' }, NOW, names);
    expect(draft.charts).toEqual([]);
    expect(digestMessage(draft, {}).text).toBe('Overdue follow-ups · 2026-11-23: No overdue follow-ups today. :tada:');
  });
});
