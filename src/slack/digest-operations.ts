import { DateTime } from 'luxon';
import { funnelDraft } from '../digests/drafts.js';
import { renderCharts, uploadCharts } from '../digests/publish.js';
import { parsePeriod, type Period } from '../domain/periods.js';
import { textMessage } from './blocks/message.js';
import { later, reply, type Actor, type Outcome } from './listen.js';
import type { AppServices } from './services.js';
import { escapeText } from './text.js';

/** The same span of time just before a period, for "change on the period before". */
function periodBefore(period: Period, timeZone: string): Period {
  const length = period.end.getTime() - period.start.getTime();
  const start = new Date(period.start.getTime() - length);
  const label = `${DateTime.fromJSDate(start, { zone: timeZone }).toISODate()}..${DateTime.fromJSDate(new Date(period.start.getTime() - 1), { zone: timeZone }).toISODate()}`;
  return { start, end: period.start, label };
}

/**
 * `/lead funnel [period]`: the funnel digest for the caller alone. Without a period it
 * is this week's digest as managers get it on Friday; with one, the funnel of the leads
 * acquired in that period.
 */
export async function funnelReport(services: AppServices, actor: Actor, periodText?: string): Promise<Outcome> {
  const { timeZone } = actor.workspace;
  const now = services.now();
  let options = {};
  if (periodText) {
    const period = parsePeriod(periodText, now, timeZone);
    if (!period) return reply(textMessage(actor.t.digest.badPeriod(escapeText(periodText))));
    options = { period: { period, previous: periodBefore(period, timeZone) } };
  }
  return later(textMessage(actor.t.working), async () => {
    const draft = await funnelDraft(services, actor.workspace, now, options);
    const images = await uploadCharts(actor.client, await renderCharts(draft));
    return draft.message({ images });
  });
}
