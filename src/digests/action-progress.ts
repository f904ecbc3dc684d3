import { actionTiming } from '../domain/action-items.js';
import { judgeProgress, metricDirectionOf, ratePercent, type ActionProgress, type MetricDirection } from '../domain/action-progress.js';
import type { Period } from '../domain/periods.js';
import type { Locale } from '../i18n/messages.js';
import { openMeasuredActionItems } from '../store/action-items.js';
import { metricCounts } from '../store/bottlenecks.js';
import type { Db } from '../store/database.js';
import { flaggedWeek } from './bottleneck-flags.js';

/**
 * The weekly measure of the open action items whose metric the bot knows: the week the
 * flags judge (the last complete one), counted as they count it. Monday's flags run says
 * it in each item's thread; the weekly digest lists it beside the item.
 */
export interface ActionItemMeasure {
  item: { id: number; title: string; ownerId: string; dueAt: Date; metric: string | null; metricKey: string; channelId: string | null; threadTs: string | null };
  direction: MetricDirection;
  week: Period;
  progress: ActionProgress;
  /** The week's rate in percent; undefined when nobody was counted. */
  ratePercent?: number;
  count?: { hits: number; total: number };
  targetPercent?: number;
  baselinePercent?: number;
}

/** What a thread reply about an item's week says. */
export interface ActionProgressModel {
  locale: Locale;
  timeZone: string;
  measure: ActionItemMeasure;
}

const percentOf = (value: unknown): number | undefined => (value === null || value === undefined ? undefined : Number(value));

export async function measureActionItems(db: Db, workspace: { id: string; timeZone: string }, at: Date): Promise<ActionItemMeasure[]> {
  const week = flaggedWeek(at, workspace.timeZone);
  const items = await openMeasuredActionItems(db, workspace.id);
  const counts = await metricCounts(db, workspace.id, [...new Set(items.map((item) => item.metricKey!))], week);
  return items.flatMap((item) => {
    const direction = metricDirectionOf(item.metricKey!);
    if (!direction) return [];
    const count = counts.get(item.metricKey!);
    const rate = ratePercent(count);
    const targetPercent = percentOf(item.metricTarget);
    const baselinePercent = percentOf(item.metricBaseline);
    // Due at the start of its day: the day itself is still on time, judged on the team's today.
    const pastDue = actionTiming(item.dueAt, at, workspace.timeZone) === 'overdue';
    const progress = judgeProgress({ direction, ratePercent: rate, targetPercent, baselinePercent, pastDue });
    return [
      {
        item: { id: item.id, title: item.title, ownerId: item.ownerId, dueAt: item.dueAt, metric: item.metric, metricKey: item.metricKey!, channelId: item.channelId, threadTs: item.threadTs },
        direction,
        week,
        progress,
        ...(rate !== undefined ? { ratePercent: rate, count } : {}),
        ...(targetPercent !== undefined ? { targetPercent } : {}),
        ...(baselinePercent !== undefined ? { baselinePercent } : {}),
      },
    ];
  });
}
