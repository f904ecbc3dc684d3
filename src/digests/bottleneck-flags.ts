import { DateTime } from 'luxon';
import { findingChartSpec } from '../charts/finding-chart.js';
import { DEFAULT_FLAG_MARGIN_POINTS, FLAG_RULES, findBottlenecks, LEFT_STAGES, parseFindingKey, stageAfter, type Finding, type FindingKind, type WeeklySeries } from '../domain/bottlenecks.js';
import { previousWeek, trailingWeeks, weekContaining, type Period } from '../domain/periods.js';
import { STAGE_LABELS } from '../domain/stages.js';
import { KNOWN_LOSS_REASONS, knownTag } from '../domain/tags.js';
import { messagesFor, type Locale } from '../i18n/messages.js';
import { DEFAULT_FOLLOW_UP_RULES, followUpCutoffs, type FollowUpRules } from '../domain/follow-ups.js';
import { bottleneckSeries, leadsBehindFinding, recordOverdueSnapshot, tagLabels } from '../store/bottlenecks.js';
import type { Provider } from '../store/schema-source.js';
import type { NameLookup } from './drafts.js';
import type { Db } from '../store/database.js';
import { findingsOfWeek, recordWeekFindings, type FindingRow } from '../store/findings.js';
import type { Chart } from './charts.js';
import { percent } from './format.js';

/**
 * The bottleneck flags of a week (DOMAIN.md "Alignment"): each new finding as its own
 * message for the alignment channel, and a line in the thread of each earlier one that
 * still holds or has cleared. Messages are src/slack/blocks/finding.ts.
 */

/** What a finding message shows, as the week that raised it saw it (kept as the row's detail). */
export interface FindingModel {
  locale: Locale;
  findingId: number;
  week: string;
  finding: Finding;
  /** The week starts of finding.weeklyRates, "11-16". */
  weekStarts: string[];
  /** The team's margin when it was raised, in percentage points (absent on findings from before it was a setting). */
  marginPoints?: number;
  /** In the team's words: a stage pair, a channel, a loss reason. */
  from: string;
  to?: string;
  leads: string[];
}

export interface FindingNoteModel {
  locale: Locale;
  note: 'still' | 'cleared';
  kind: FindingKind;
  /** The week of the finding this is: 2 the week after it was raised. */
  weekNumber: number;
  /** This week's and the baseline's rates; undefined when nobody was counted this week. */
  rates?: { week: number; baseline: number };
}

/** The week judged: the last complete one before `at`, so Friday's data entry is in (DOMAIN.md). */
export function flaggedWeek(at: Date, timeZone: string): Period {
  return previousWeek(weekContaining(at, timeZone), timeZone);
}

/** The week a finding is in: 1 the week it was raised. */
export function weekNumber(firstWeek: string, week: string): number {
  const start = (label: string) => DateTime.fromISO(label.split('..')[0]!);
  return Math.round(start(week).diff(start(firstWeek), 'weeks').weeks) + 1;
}


function subjectWords(kind: FindingKind, subject: string, locale: Locale, labels: Map<string, string>): { from: string; to?: string } {
  if (kind === 'owner') return { from: labels.get(`owner:${subject}`) ?? subject };
  if (kind === 'dropoff') {
    const stage = subject as (typeof LEFT_STAGES)[number];
    return { from: STAGE_LABELS[stage][locale], to: STAGE_LABELS[stageAfter(stage)][locale] };
  }
  if (kind === 'loss') {
    const known = knownTag(subject, KNOWN_LOSS_REASONS);
    return { from: known ? known[locale] : (labels.get(`loss:${subject}`) ?? subject) };
  }
  return { from: labels.get(`channel:${subject}`) ?? subject };
}

/** The finding's title, the same in its message and on its chart. */
export function findingTitle(model: Pick<FindingModel, 'locale' | 'finding' | 'from' | 'to'>): string {
  const t = messagesFor(model.locale).flags.title;
  switch (model.finding.kind) {
    case 'dropoff':
      return t.dropoff(model.from, model.to ?? '');
    case 'channel':
      return t.channel(model.from);
    case 'loss':
      return t.loss(model.from);
    case 'owner':
      return t.owner(model.from);
  }
}

/** "40% dropped vs 24% usual" */
export function ratesWords(locale: Locale, kind: FindingKind, rates: { week: number; baseline: number }): string {
  // An owner's numbers are leads overdue, not shares.
  if (kind === 'owner') return messagesFor(locale).flags.rates.owner(String(Math.round(rates.week)), rates.baseline.toFixed(1));
  return messagesFor(locale).flags.rates[kind](percent(rates.week), percent(rates.baseline));
}

export function findingCharts(model: FindingModel): Chart[] {
  const t = messagesFor(model.locale).flags;
  const title = findingTitle(model);
  const last = model.weekStarts.length - 1;
  const bars = model.finding.weeklyRates.flatMap((rate, index) => (rate === null ? [] : [{ week: model.weekStarts[index]!, rate, judged: index === last }]));
  return [
    {
      name: 'weeks',
      title,
      altText: t.chartAlt(ratesWords(model.locale, model.finding.kind, { week: model.finding.week.rate, baseline: model.finding.baseline.rate })),
      spec: findingChartSpec({
        title: t.chartTitle(title),
        subtitle: model.finding.kind === 'owner' ? t.chartSubtitleOwner : t.chartSubtitle(FLAG_RULES.baselineWeeks),
        bars,
        weeks: model.weekStarts,
        baseline: model.finding.baseline.rate,
        baselineTag: t.chartUsual,
        unit: model.finding.kind === 'owner' ? 'count' : 'share',
      }),
    },
  ];
}

/** One message the week's run sends, and what to remember once it is posted. */
export interface FlagPost {
  /** Unique within the week: the ledger claims each on its own. */
  id: string;
  findingId: number;
  /** A reply goes in the finding's thread; a new finding opens one. */
  threadTs?: string;
  draft: FlagDraft;
}

export type FlagDraft =
  | { kind: 'finding'; model: FindingModel; charts: Chart[]; fileStem: string }
  | { kind: 'finding-note'; model: FindingNoteModel; charts: Chart[]; fileStem: string };

/**
 * Judges the week, records what holds, and returns the week's messages: new findings in
 * full, replies in the threads of findings that persist or cleared. Run twice in a week
 * it returns the same messages, which the run ledger then posts once.
 */
export async function bottleneckFlagPosts(
  database: { db: Db; provider: Provider },
  workspace: { id: string; timeZone: string; locale: Locale; flagMarginPoints?: number; followUp?: FollowUpRules },
  at: Date,
  names: NameLookup = async () => new Map(),
): Promise<FlagPost[]> {
  const { db } = database;
  const week = flaggedWeek(at, workspace.timeZone);
  const weeks = trailingWeeks(week.start, FLAG_RULES.baselineWeeks + 1, workspace.timeZone);
  // The week's overdue per owner is kept first: it is the last point of the owners' series.
  await recordOverdueSnapshot(database, workspace.id, week.label, followUpCutoffs(at, workspace.timeZone, workspace.followUp ?? DEFAULT_FOLLOW_UP_RULES), at);
  const series = await bottleneckSeries(db, workspace.id, weeks);
  const labels = await tagLabels(db, workspace.id);
  const owners = series.filter((one) => one.kind === 'owner').map((one) => one.subject);
  for (const [userId, name] of owners.length > 0 ? await names(owners) : []) labels.set(`owner:${userId}`, name);
  const weekStarts = weeks.map((one) => one.label.slice(5, 10));
  const marginPoints = workspace.flagMarginPoints ?? DEFAULT_FLAG_MARGIN_POINTS;
  const findings = findBottlenecks(series, { margin: marginPoints / 100 });
  const holding = [];
  for (const finding of findings) {
    const leads = await leadsBehindFinding(db, workspace.id, finding.key, week);
    const detail: Omit<FindingModel, 'findingId'> = { locale: workspace.locale, week: week.label, finding, weekStarts, marginPoints, ...subjectWords(finding.kind, finding.subject, workspace.locale, labels), leads };
    holding.push({ key: finding.key, detail: JSON.stringify(detail) });
  }
  await recordWeekFindings(db, workspace.id, week.label, holding);
  const { raised, persisting, cleared } = await findingsOfWeek(db, workspace.id, week.label);

  const posts: FlagPost[] = raised.map((row) => {
    const model: FindingModel = { ...(JSON.parse(row.detail) as Omit<FindingModel, 'findingId'>), findingId: row.id };
    return { id: row.key, findingId: row.id, draft: { kind: 'finding', model, charts: findingCharts(model), fileStem: `finding-${week.label.slice(0, 10)}-${row.id}` } };
  });
  const note = (row: FindingRow, kind: 'still' | 'cleared'): FlagPost | undefined => {
    const parsed = parseFindingKey(row.key);
    if (!parsed || !row.threadTs) return undefined;
    const current = series.find((one) => one.kind === parsed.kind && one.subject === parsed.subject);
    const model: FindingNoteModel = { locale: workspace.locale, note: kind, kind: parsed.kind, weekNumber: weekNumber(row.firstWeek, week.label), rates: current && ratesOf(current) };
    return { id: `${row.key}:${kind}`, findingId: row.id, threadTs: row.threadTs, draft: { kind: 'finding-note', model, charts: [], fileStem: `finding-${week.label.slice(0, 10)}-${row.id}-${kind}` } };
  };
  for (const row of persisting) posts.push(...[note(row, 'still')].filter((post) => post !== undefined));
  for (const row of cleared) posts.push(...[note(row, 'cleared')].filter((post) => post !== undefined));
  return posts;
}

/** A series' week against its baseline, flagged or not: what a thread reply reports. */
function ratesOf(series: WeeklySeries): { week: number; baseline: number } | undefined {
  const week = series.weeks.at(-1)!;
  const baseline = series.weeks.slice(0, -1).reduce((sum, count) => ({ hits: sum.hits + count.hits, total: sum.total + count.total }), { hits: 0, total: 0 });
  return week.total > 0 && baseline.total > 0 ? { week: week.hits / week.total, baseline: baseline.hits / baseline.total } : undefined;
}
