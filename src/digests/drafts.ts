import type { Locale } from '../i18n/messages.js';
import type { Db } from '../store/database.js';
import type { Provider } from '../store/schema-source.js';
import { funnelDigestCharts, funnelDigestMessage, funnelDigestModel, type FunnelDigestOptions } from './funnel-digest.js';
import { goalsCharts, goalsDigestMessage, goalsModel } from './goals-digest.js';
import { overdueDigestCharts, overdueDigestMessage, overdueDigestModel, overdueDirectMessage } from './overdue-digest.js';
import type { DigestDraft } from './publish.js';

export interface DigestWorkspace {
  id: string;
  timeZone: string;
  locale: Locale;
  /** ISO 4217: what the digests' money is shown in. */
  currency: string;
  nativeCharts?: boolean;
}

/** The funnel digest as a draft: the weekly one, or `/lead funnel <period>` on demand. */
export async function funnelDraft(database: { db: Db; provider: Provider }, workspace: DigestWorkspace, now: Date, options: FunnelDigestOptions = {}): Promise<DigestDraft> {
  const model = await funnelDigestModel(database.db, database.provider, workspace, now, options);
  return {
    charts: funnelDigestCharts(model),
    nativeCharts: workspace.nativeCharts,
    message: (render) => funnelDigestMessage(model, render),
    fileStem: `${model.kind === 'weekly' ? 'weekly-funnel' : 'funnel'}-${model.period.label.split('..')[0]}`,
  };
}

/** Display names for the people a chart shows, by user id. */
export type NameLookup = (userIds: string[]) => Promise<Map<string, string>>;

export async function overdueDraft(database: { db: Db; provider: Provider }, workspace: DigestWorkspace, now: Date, names: NameLookup): Promise<DigestDraft> {
  const model = await overdueDigestModel(database, workspace, now, names);
  return {
    charts: overdueDigestCharts(model),
    nativeCharts: workspace.nativeCharts,
    message: (render) => overdueDigestMessage(model, render),
    fileStem: `overdue-${model.day}`,
  };
}

/** One rep's overdue list for their DM; undefined when they have none. */
export async function overdueDirectDraft(database: { db: Db; provider: Provider }, workspace: DigestWorkspace, now: Date, ownerId: string): Promise<DigestDraft | undefined> {
  const model = await overdueDigestModel(database, workspace, now, async (ids) => new Map(ids.map((id) => [id, id])), { ownerId });
  if (model.owners.length === 0) return undefined;
  return { charts: [], message: () => overdueDirectMessage(model), fileStem: `overdue-${model.day}-${ownerId}` };
}

export async function goalsDraft(database: { db: Db; provider: Provider }, workspace: DigestWorkspace, now: Date, names: NameLookup): Promise<DigestDraft> {
  const model = await goalsModel(database, workspace, now, names);
  return { charts: goalsCharts(model), message: (render) => goalsDigestMessage(model, render), fileStem: `goals-${model.today}` };
}
