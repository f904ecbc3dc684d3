import { describe, expect, it } from 'vitest';
import { channelTable, type GroupTotals } from '../../src/domain/channel-metrics.js';
import type { ChannelReportModel } from '../../src/digests/channel-report.js';
import { dayRange } from '../../src/domain/periods.js';
import { channelReportMessage, MAX_GROUPS_SHOWN } from '../../src/slack/blocks/channel-report.js';
import { blockText } from '../support/leads.js';
import { expectWithinSlackLimits } from '../support/slack-limits.js';

/** A team with far more campaigns than a message can hold, each named at the longest a campaign may be. */
function manyCampaigns(count: number): ChannelReportModel {
  const totals: GroupTotals[] = Array.from({ length: count }, (_, i) => ({
    key: `campaign ${i}`,
    leads: 10 + i,
    won: i % 4,
    revenueMinor: BigInt(i) * 1_000_000n,
    ...(i % 2 === 0 ? { costMinor: BigInt(i + 1) * 100_000n } : {}),
    medianDaysToWin: i,
  }));
  const table = channelTable(totals);
  const name = (key: string) => `${'抖音信息流-教育行业广告*<!channel>'.repeat(7)} ${key}`.slice(0, 200);
  return {
    locale: 'en',
    currency: 'CNY',
    period: dayRange('2026-11-01', '2026-11-30', 'Asia/Shanghai')!,
    by: 'campaign',
    groups: table.groups.map((group) => ({ ...group, name: name(group.key) })),
    total: table.total,
  };
}

describe('/lead channels as Block Kit', () => {
  it('stays within Slack\'s limits with 80 groups of long names: the first 20, and how many more there are', () => {
    const message = channelReportMessage(manyCampaigns(80), { images: { channels: 'F0CHART' } });
    expectWithinSlackLimits(message);
    const sections = message.blocks.filter((block) => block.type === 'section');
    expect(sections).toHaveLength(1 + MAX_GROUPS_SHOWN);
    expect(blockText(message)).toContain('…and 60 more groups');
    expect(blockText(message)).not.toContain('<!channel>');
    expect(message.blocks.some((block) => block.type === 'image')).toBe(true);
  });

  it('leaves the chart out where Slack takes no images, and still reads', () => {
    const message = channelReportMessage(manyCampaigns(3), { plain: true });
    expectWithinSlackLimits(message);
    expect(message.blocks.some((block) => block.type === 'image')).toBe(false);
    expect(message.text).toMatch(/^Where the money works · by campaign · 2026-11-01 – 11-30: /);
  });
});
