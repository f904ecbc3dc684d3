import type { ActionReminderModel } from '../app/action-items.js';
import type { MorningModel } from '../app/follow-ups.js';
import type { FollowUpRules } from '../domain/follow-ups.js';
import { periodDays } from '../domain/periods.js';
import type { Locale } from '../i18n/messages.js';
import type { Db } from '../store/database.js';
import type { Provider } from '../store/schema-source.js';
import type { ActionProgressModel } from './action-progress.js';
import type { FindingModel, FindingNoteModel } from './bottleneck-flags.js';
import type { Chart } from './charts.js';
import { channelReportCharts, channelReportFileStem, channelReportModel, type ChannelReportModel } from './channel-report.js';
import type { ChannelDimension } from '../domain/channel-metrics.js';
import type { Period } from '../domain/periods.js';
import { funnelDigestCharts, funnelDigestModel, type FunnelDigestModel, type FunnelDigestOptions } from './funnel-digest.js';
import { goalsCharts, goalsModel, type GoalsModel } from './goals-digest.js';
import { overdueDigestCharts, overdueDigestModel, type OverdueDigestModel } from './overdue-digest.js';

export interface DigestWorkspace {
  id: string;
  timeZone: string;
  locale: Locale;
  /** ISO 4217: what the digests' money is shown in. */
  currency: string;
  nativeCharts?: boolean;
  /** The workspace's follow-up discipline; without one (a fixture), the defaults. */
  followUp?: FollowUpRules;
}

/**
 * A digest ready to go out, as data: its model and charts, and the stem of its PNGs'
 * names (e.g. "weekly-funnel-2023-10-02"). src/slack/blocks/digest-message.ts makes the
 * message; the command line writes it to files.
 */
export type DigestDraft = DraftOf<'funnel', FunnelDigestModel> | DraftOf<'overdue', OverdueDigestModel> | DraftOf<'goals', GoalsModel> | DraftOf<'morning', MorningModel> | DraftOf<'action-due', ActionReminderModel> | DraftOf<'channels', ChannelReportModel> | DraftOf<'finding', FindingModel> | DraftOf<'finding-note', FindingNoteModel> | DraftOf<'action-progress', ActionProgressModel>;

interface DraftOf<Kind extends string, Model> {
  kind: Kind;
  model: Model;
  charts: Chart[];
  /** The workspace takes Slack's native chart blocks (data_visualization). */
  nativeCharts?: boolean;
  fileStem: string;
}

/** The funnel digest as a draft: the weekly one, or `/lead funnel <period>` on demand. */
export async function funnelDraft(database: { db: Db; provider: Provider }, workspace: DigestWorkspace, now: Date, options: FunnelDigestOptions = {}): Promise<DigestDraft> {
  const model = await funnelDigestModel(database.db, database.provider, workspace, now, options);
  return {
    kind: 'funnel',
    model,
    charts: funnelDigestCharts(model),
    nativeCharts: workspace.nativeCharts,
    fileStem: `${model.kind === 'weekly' ? 'weekly-funnel' : 'funnel'}-${periodDays(model.period).first}`,
  };
}

/** Display names for the people a chart shows, by user id. */
export type NameLookup = (userIds: string[]) => Promise<Map<string, string>>;

export async function overdueDraft(database: { db: Db; provider: Provider }, workspace: DigestWorkspace, now: Date, names: NameLookup): Promise<DigestDraft> {
  const model = await overdueDigestModel(database, workspace, now, names);
  return { kind: 'overdue', model, charts: overdueDigestCharts(model), nativeCharts: workspace.nativeCharts, fileStem: `overdue-${model.day}` };
}

export async function goalsDraft(database: { db: Db; provider: Provider }, workspace: DigestWorkspace, now: Date, names: NameLookup): Promise<DigestDraft> {
  const model = await goalsModel(database, workspace, now, names);
  return { kind: 'goals', model, charts: goalsCharts(model), fileStem: `goals-${model.today}` };
}

/** `/lead channels`: where the money works, for the leads acquired in `period`, grouped `by`. */
export async function channelsDraft(database: { db: Db; provider: Provider }, workspace: DigestWorkspace, period: Period, by: ChannelDimension, names: NameLookup): Promise<DigestDraft> {
  const model = await channelReportModel(database, workspace, period, by, names);
  return { kind: 'channels', model, charts: channelReportCharts(model), fileStem: channelReportFileStem(model) };
}
