import type { DataTableBlock } from '@slack/types';
import type { FunnelDigestModel } from '../../digests/funnel-digest.js';
import { bottleneckSource, funnelDigestCharts, isEmptyActivity, trendChartData } from '../../digests/funnel-digest.js';
import { changeMark, count, days, formatMoney, percent, rangeLabel } from '../../digests/format.js';
import { change, FUNNEL_STAGES } from '../../domain/funnel.js';
import { messagesFor } from '../../i18n/messages.js';
import { actionTiming } from '../../domain/action-items.js';
import { escapeInline, lossReasonLabel, mentionUser, stageLabel, teamDayLabel } from '../text.js';
import { LIMITS, truncate } from './limits.js';
import { chartBlocks, nativeLabel, NATIVE_CHART_LIMITS, type DigestRenderOptions, type NativeCharts } from './digest-charts.js';
import { contextLine, headerBlock, mrkdwnSection, type MessageBlock, type SlackMessage } from './message.js';
import { numberCell, textCell } from './table-cells.js';
import { channelDigestSection } from './channel-report.js';

/** The funnel digest (src/digests/funnel-digest.ts) as a Slack message: numbers, bottleneck, charts, table. */

/** The trend as Slack's own line chart, where the workspace takes those; the funnel has no native form. */
export function funnelNativeCharts(model: FunnelDigestModel): NativeCharts {
  return {
    trend: () => {
      const { title, series, weeks } = trendChartData(model);
      return {
        type: 'data_visualization',
        title: nativeLabel(title).slice(0, NATIVE_CHART_LIMITS.title),
        chart: {
          type: 'line',
          series: [
            { name: nativeLabel(series[0]), data: model.trend.map((week, i) => ({ label: weeks[i]!, value: week.newLeads })) },
            { name: nativeLabel(series[1]), data: model.trend.map((week, i) => ({ label: weeks[i]!, value: week.won })) },
          ],
          axis_config: { categories: weeks.slice(-NATIVE_CHART_LIMITS.categories) },
        },
      };
    },
  };
}

function keyNumberLines(model: FunnelDigestModel): string[] {
  const t = messagesFor(model.locale).digest;
  const { activity: now, previousActivity: before } = model;
  const mark = (a: number, b: number) => changeMark(change(a, b), t.noComparison);
  const compared = model.kind === 'weekly' ? t.onSamePointLastWeek : t.onPreviousPeriod;
  const lines = [
    `${t.keyNumbers({
      newLeads: count(now.newLeads, model.locale),
      newChange: mark(now.newLeads, before.newLeads),
      won: count(now.wonCount, model.locale),
      wonChange: mark(now.wonCount, before.wonCount),
      revenue: formatMoney(now.revenueMinor, model.currency, model.locale),
      revenueChange: mark(Number(now.revenueMinor), Number(before.revenueMinor)),
      lost: count(now.lostCount, model.locale),
      lostChange: mark(now.lostCount, before.lostCount),
    })} _${compared}_`,
  ];
  const entries = FUNNEL_STAGES.slice(1, -1)
    .map((stage) => `${stageLabel(stage, model.locale)} ${now.stageEntries[stage]} (${mark(now.stageEntries[stage], before.stageEntries[stage])})`)
    .join(' · ');
  lines.push(t.stageEntries(entries));
  if (model.lossReasons.length > 0) {
    lines.push(t.topLossReasons(model.lossReasons.map((reason) => `${escapeInline(lossReasonLabel(reason, model.locale))} (${reason.count})`).join(', ')));
  }
  return lines;
}

function bottleneckLines(model: FunnelDigestModel): string[] {
  const t = messagesFor(model.locale).digest;
  const { funnel } = model;
  if (!funnel.bottleneck) return [];
  const to = funnel.bottleneck;
  const from = bottleneckSource(funnel)!;
  const step = funnel.steps.find((s) => s.stage === to)!;
  const window = model.windowWeeks ? t.windowSummary(model.windowWeeks, funnel.acquired) : t.periodSummary(funnel.acquired);
  const lines = [t.bottleneck(stageLabel(from, model.locale), stageLabel(to, model.locale), percent(step.dropOff!), window)];
  const median = model.medianDays[from];
  if (median !== undefined) lines.push(t.medianInStage(stageLabel(from, model.locale), days(median)));
  if (model.waiting.length > 0) {
    lines.push(t.talkTo(stageLabel(from, model.locale), model.waiting.map((owner) => `${mentionUser(owner.ownerId)} (${owner.count})`).join(', ')));
  }
  return lines;
}

function funnelTable(model: FunnelDigestModel): DataTableBlock {
  const t = messagesFor(model.locale).digest;
  const rate = (value: number | undefined) => (value === undefined ? textCell('–') : numberCell(Number((value * 100).toFixed(1)), percent(value, 1)));
  return {
    type: 'data_table',
    caption: t.tableCaption,
    page_size: FUNNEL_STAGES.length,
    row_header_column_index: 0,
    rows: [
      [t.columnStage, t.columnReached, t.columnShare, t.columnConversion, t.columnDropOff, t.columnMedianDays].map(textCell),
      ...model.funnel.steps.map((step) => {
        const median = model.medianDays[step.stage];
        return [
          textCell(stageLabel(step.stage, model.locale)),
          numberCell(step.reached, count(step.reached, model.locale)),
          rate(step.shareOfAcquired),
          rate(step.conversionFromPrevious),
          rate(step.dropOff),
          median === undefined ? textCell('–') : numberCell(median, days(median)),
        ];
      }),
    ],
  };
}

/** A plain-text rendition of the table, for workspaces that refuse data_table blocks. */
function funnelTableText(model: FunnelDigestModel): string {
  const t = messagesFor(model.locale).digest;
  const rows = model.funnel.steps.map((step) => {
    const parts = [stageLabel(step.stage, model.locale), count(step.reached, model.locale)];
    if (step.conversionFromPrevious !== undefined) parts.push(percent(step.conversionFromPrevious), `↓${percent(step.dropOff!)}`);
    return `• ${parts.join(' · ')}`;
  });
  return `*${t.tableCaption}*\n${rows.join('\n')}`;
}

/** The alignment meeting's open action items, overdue ones flagged: what the team said it would do. */
function actionItemLines(model: FunnelDigestModel): string {
  const t = messagesFor(model.locale).actions;
  const { items, total } = model.actionItems!;
  const lines = items.map((item) => {
    const timing = actionTiming(item.dueAt, model.asOf, model.timeZone);
    const marker = timing === 'overdue' ? t.overdue : timing === 'today' ? t.dueToday : timing === 'tomorrow' ? t.dueTomorrow : '';
    const measure = model.actionItems!.measures.find((one) => one.item.id === item.id);
    const rate = measure?.ratePercent === undefined ? '' : percent(measure.ratePercent / 100);
    // Overdue is said by the line already; its rate still tells how far it got.
    const progress = !measure ? '' : measure.progress === 'overdue' ? (rate ? ` · ${rate}` : '') : t.digestProgress(t.progressMarks[measure.progress], rate, t.progress[measure.progress]);
    return `• ${t.line(item.id, escapeInline(truncate(item.title, 120)), mentionUser(item.ownerId), teamDayLabel(item.dueAt, model.timeZone, model.locale), marker)}${progress}`;
  });
  if (total > items.length) lines.push(messagesFor(model.locale).andMore(total - items.length));
  return truncate(`${t.listTitle(total)}\n${lines.join('\n')}`, LIMITS.sectionText);
}

/** Each tier's win rate with its 95% interval, and whether high and low are apart: the score judged by its results. */
function scoringLines(model: FunnelDigestModel): string {
  const t = messagesFor(model.locale).scoring;
  const lines = model.scoring!.tiers.map((tier) =>
    tier.leads === 0 || tier.winRate === null
      ? `• ${t.digestEmptyTier(t.tiers[tier.tier])}`
      : `• ${t.digestTier(t.tiers[tier.tier], count(tier.leads, model.locale), count(tier.won, model.locale), percent(tier.winRate), tier.interval ? `${percent(tier.interval.low)}–${percent(tier.interval.high)}` : '–')}`,
  );
  return truncate(`${t.digestTitle}\n${lines.join('\n')}\n${model.scoring!.toldApart ? t.toldApart : t.notToldApart}`, LIMITS.sectionText);
}

export function funnelDigestMessage(model: FunnelDigestModel, render: DigestRenderOptions): SlackMessage {
  const t = messagesFor(model.locale).digest;
  const range = rangeLabel(model.period);
  const title = model.kind === 'weekly' ? t.weeklyTitle(range) : t.funnelTitle(range);
  const blocks: MessageBlock[] = [headerBlock(title)];

  const empty = isEmptyActivity(model.activity);
  blocks.push(mrkdwnSection(empty ? t.emptyPeriod : keyNumberLines(model).join('\n')));
  const bottleneck = bottleneckLines(model);
  if (bottleneck.length > 0) blocks.push(mrkdwnSection(bottleneck.join('\n')));
  if (model.funnel.acquired === 0) blocks.push(mrkdwnSection(t.emptyFunnel));
  const money = channelDigestSection(model.channels);
  if (money) blocks.push(money);

  blocks.push(...chartBlocks(funnelDigestCharts(model), render, funnelNativeCharts(model)));
  if (model.funnel.acquired > 0) blocks.push(render.plain ? mrkdwnSection(funnelTableText(model)) : funnelTable(model));
  if (model.scoring) blocks.push(mrkdwnSection(scoringLines(model)));
  if (model.actionItems) blocks.push(mrkdwnSection(actionItemLines(model)));
  blocks.push(contextLine(t.footer));

  const summary = empty ? `${title}: ${t.emptyPeriod}` : t.summary(title, model.activity.newLeads, model.activity.wonCount, model.activity.lostCount);
  return { text: summary, blocks };
}
