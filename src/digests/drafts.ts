import type { Locale } from '../i18n/messages.js';
import type { Db } from '../store/database.js';
import type { Provider } from '../store/schema-source.js';
import { funnelDigestCharts, funnelDigestMessage, funnelDigestModel, type FunnelDigestOptions } from './funnel-digest.js';
import type { DigestDraft } from './publish.js';

export interface DigestWorkspace {
  id: string;
  timeZone: string;
  locale: Locale;
}

/** The funnel digest as a draft: the weekly one, or `/lead funnel <period>` on demand. */
export async function funnelDraft(database: { db: Db; provider: Provider }, workspace: DigestWorkspace, now: Date, options: FunnelDigestOptions = {}): Promise<DigestDraft> {
  const model = await funnelDigestModel(database.db, database.provider, workspace, now, options);
  return {
    charts: funnelDigestCharts(model),
    message: (render) => funnelDigestMessage(model, render),
    fileStem: `${model.kind === 'weekly' ? 'weekly-funnel' : 'funnel'}-${model.period.label.split('..')[0]}`,
  };
}
