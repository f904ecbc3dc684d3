import { describe, expect, it } from 'vitest';
import type { AuditSample } from '../../src/app/audit.js';
import type { ActivityEntry } from '../../src/domain/journal.js';
import { HYGIENE_ISSUES } from '../../src/domain/hygiene.js';
import { auditMessage } from '../../src/slack/blocks/audit.js';
import { hygieneMessage } from '../../src/slack/blocks/hygiene.js';
import { blockText } from '../support/leads.js';
import { expectWithinSlackLimits } from '../support/slack-limits.js';

/** The spot-check's and the hygiene list's messages stay within what Slack takes however big the sample and long the names and notes. */

const AT = new Date('2026-12-03T02:00:00Z');

function sample(leads: number, notes: string): AuditSample {
  const entry = (id: number): ActivityEntry => ({ id, leadId: id, kind: 'note', before: {}, after: {}, byId: 'U0MEI', at: AT, via: 'slack', note: notes, leadVersion: null, revertsId: null });
  return {
    week: { start: new Date('2026-11-29T16:00:00Z'), end: new Date('2026-12-06T16:00:00Z'), label: '2026-11-30..2026-12-06' },
    changed: leads * 10,
    leads: Array.from({ length: leads }, (_, i) => ({
      number: `20261201${String(i + 1).padStart(3, '0')}`,
      name: `*Lead* <${i}> ${'名'.repeat(80)}`,
      ownerId: 'U0WANG',
      stage: 'CONTACTED' as const,
      entries: [1, 2, 3, 4, 5].map((n) => entry(i * 10 + n)),
      moreEntries: 7,
    })),
  };
}

describe.each(['en', 'zh'] as const)('the /lead audit message (%s)', (locale) => {
  const context = { locale, timeZone: 'Asia/Shanghai', currency: 'CNY' };

  it('fits a sample of 100 leads with long notes within 50 blocks and about 13k characters, naming the rest by number', () => {
    const message = auditMessage(sample(100, 'x'.repeat(300)), context);
    expectWithinSlackLimits(message as never, 'message');
    const text = blockText(message);
    expect(text).toContain('20261201001');
    expect(text).toContain('20261201100');
    expect(text).toMatch(locale === 'en' ? /…and \d+ more in the sample: / : /……样本中另有 \d+ 条：/);
  });

  it('shows a small sample whole, its names escaped, the changes beyond five counted', () => {
    const message = auditMessage(sample(5, 'called <!channel>'), context);
    const text = blockText(message);
    for (let i = 1; i <= 5; i++) expect(text).toContain(`*2026120100${i}*`);
    expect(text).not.toContain('more in the sample');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;0&gt;');
    expect(text).toContain(locale === 'en' ? '…and 7 more change(s) this week' : '……本周另有 7 处变动');
  });
});

describe('the /lead hygiene message', () => {
  it('stays within about 13k characters when every group is full of names that escape long', () => {
    const lead = (i: number) => ({ number: `20261201${String(i).padStart(3, '0')}`, name: '&<>'.repeat(20), stage: 'ACQUIRED' as const, ownerId: 'U0MEI', finding: { issue: 'zombie' as const, lastTouchedAt: AT } });
    const groups = Object.fromEntries(HYGIENE_ISSUES.map((issue) => [issue, Array.from({ length: 30 }, (_, i) => lead(i))]));
    const message = hygieneMessage({ scope: 'team', groups: groups as never, partial: true }, { locale: 'en', timeZone: 'Asia/Shanghai' });
    expectWithinSlackLimits(message as never, 'message');
    expect(blockText(message)).toContain('more.');
    expect(blockText(message)).toContain('Only the first 10,000 leads');
  });
});
