import type { KnownBlock } from '@slack/types';
import { MIN_LEADS_TO_JUDGE, roiRatio } from '../../domain/channel-metrics.js';
import { channelReportCharts, type ChannelGroup, type ChannelReportModel } from '../../digests/channel-report.js';
import { count, days, formatMoney, percent, rangeLabel } from '../../digests/format.js';
import { messagesFor } from '../../i18n/messages.js';
import { escapeInline, escapeText, mentionUser } from '../text.js';
import { chartBlocks, type DigestRenderOptions } from './digest-charts.js';
import { contextLine, headerBlock, mrkdwnSection, type MessageBlock, type SlackMessage } from './message.js';
import { LIMITS, truncate } from './limits.js';

/**
 * `/lead channels` (src/digests/channel-report.ts) as a Slack message: one section per
 * group, best return first, then the chart. A message holds 50 blocks and about 13k
 * characters, so it shows the first MAX_GROUPS_SHOWN groups and says how many more there are.
 */
export const MAX_GROUPS_SHOWN = 20;

function groupName(group: ChannelGroup, model: ChannelReportModel): string {
  const t = messagesFor(model.locale).channels;
  if (group.ownerId) return mentionUser(group.ownerId);
  // Cut before escaping, so no entity is cut in half; a campaign may be 200 characters.
  return group.name ? escapeInline(group.name.length > 80 ? `${group.name.slice(0, 79)}…` : group.name) : t.notRecorded;
}

function groupSection(group: ChannelGroup, model: ChannelReportModel): KnownBlock {
  const t = messagesFor(model.locale).channels;
  const money = (minor: bigint | undefined) => (minor === undefined ? t.none : formatMoney(minor, model.currency, model.locale));
  const lines = [t.groupLine(groupName(group, model), count(group.leads, model.locale), count(group.won, model.locale), percent(group.conversion, 1))];
  const median = group.medianDaysToWin !== undefined ? t.medianDays(days(group.medianDaysToWin)) : '';
  lines.push(
    (group.costRecorded
      ? t.money(money(group.costMinor), money(group.costPerLeadMinor), money(group.cacMinor), money(group.revenueMinor), roiRatio(group.roi!))
      : t.noCost(money(group.revenueMinor))) + median,
  );
  lines.push(`_${t.suggestions[group.suggestion]}_`);
  return mrkdwnSection(truncate(lines.join('\n'), LIMITS.sectionText));
}

export function channelReportMessage(model: ChannelReportModel, render: DigestRenderOptions): SlackMessage {
  const t = messagesFor(model.locale).channels;
  const title = truncate(t.title(t.dimensions[model.by], rangeLabel(model.period)), LIMITS.headerText);
  const blocks: MessageBlock[] = [headerBlock(title)];
  if (model.groups.length === 0) {
    blocks.push(mrkdwnSection(t.empty));
    return { text: `${title}: ${t.empty}`, blocks };
  }
  const { total } = model;
  const money = (minor: bigint) => formatMoney(minor, model.currency, model.locale);
  blocks.push(
    mrkdwnSection(
      t.totals(
        count(total.leads, model.locale),
        count(total.won, model.locale),
        percent(total.conversion, 1),
        total.costRecorded ? money(total.costMinor!) : t.none,
        money(total.revenueMinor),
        total.roi !== undefined ? roiRatio(total.roi) : t.none,
      ),
    ),
    { type: 'divider' },
  );
  for (const group of model.groups.slice(0, MAX_GROUPS_SHOWN)) blocks.push(groupSection(group, model));
  if (model.groups.length > MAX_GROUPS_SHOWN) blocks.push(contextLine(t.more(model.groups.length - MAX_GROUPS_SHOWN)));
  blocks.push(...chartBlocks(channelReportCharts(model), render));
  const spread = model.by === 'content' || model.by === 'industry' || model.by === 'owner';
  blocks.push(contextLine(`${t.footer(MIN_LEADS_TO_JUDGE)}${spread ? ` ${t.spreadNote}` : ''}`));
  const best = model.groups[0]!;
  return { text: `${escapeText(title)}: ${best.name ? escapeText(best.name) : t.notRecorded} — ${t.suggestions[best.suggestion]}`, blocks };
}

/** The weekly digest shows the best and the worst few: a section, not the whole table. */
export const DIGEST_GROUPS_SHOWN = 5;

/**
 * The funnel digest's "where the money works" lines, for the funnel's leads by channel:
 * none until the team records a cost, since without one every group would just say so.
 */
export function channelDigestSection(model: ChannelReportModel): KnownBlock | undefined {
  if (!model.groups.some((group) => group.costRecorded)) return undefined;
  const t = messagesFor(model.locale).channels;
  const money = (minor: bigint | undefined) => (minor === undefined ? t.none : formatMoney(minor, model.currency, model.locale));
  const lines = model.groups.slice(0, DIGEST_GROUPS_SHOWN).map((group) =>
    t.digestLine(groupName(group, model), percent(group.conversion, 1), group.costRecorded ? t.digestMoney(money(group.costPerLeadMinor), roiRatio(group.roi!)) : t.noCostShort, t.suggestions[group.suggestion]),
  );
  const more = model.groups.length > DIGEST_GROUPS_SHOWN ? `\n${t.digestMore(model.groups.length - DIGEST_GROUPS_SHOWN)}` : '';
  return mrkdwnSection(truncate(`${t.digestTitle}\n${lines.join('\n')}${more}`, LIMITS.sectionText));
}
