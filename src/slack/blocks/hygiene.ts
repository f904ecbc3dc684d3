import type { KnownBlock } from '@slack/types';
import type { HygieneLead, HygieneReport } from '../../app/hygiene.js';
import { count } from '../../digests/format.js';
import { HYGIENE_ISSUES } from '../../domain/hygiene.js';
import { messagesFor, type Locale } from '../../i18n/messages.js';
import { HYGIENE_READ } from '../../store/hygiene.js';
import { escapeInline, mentionUser, slackDate, stageLabel } from '../text.js';
import { LIMITS, truncate } from './limits.js';
import { contextLine, headerBlock, mrkdwnSection, type SlackMessage } from './message.js';

/** `/lead hygiene`: each kind of problem with its leads, number and owner, a few each. */

/** Leads shown per group; the count says how many there are. */
export const HYGIENE_SHOWN = 10;

/** Slack refuses a message of more than about 13k characters (ROUTES.md): the groups share this. */
const HYGIENE_CHARACTER_BUDGET = 11_000;

/** A lead's name in a line: the card shows it whole. */
const NAME_LENGTH = 60;

export function hygieneMessage(report: HygieneReport, context: { locale: Locale; timeZone: string }): SlackMessage {
  const t = messagesFor(context.locale);
  const h = t.hygiene;
  const team = report.scope === 'team';
  const issues = HYGIENE_ISSUES.filter((issue) => report.groups[issue].length > 0);
  if (issues.length === 0) return { text: h.clean(team), blocks: [headerBlock(h.title(team)), mrkdwnSection(h.clean(team))] };
  const blocks: KnownBlock[] = [headerBlock(h.title(team))];
  const perSection = Math.min(LIMITS.sectionText, Math.floor(HYGIENE_CHARACTER_BUDGET / issues.length));
  for (const issue of issues) {
    const leads = report.groups[issue];
    const lines = [h.group(h.issues[issue], leads.length)];
    let length = lines[0]!.length;
    let shown = 0;
    for (const lead of leads.slice(0, HYGIENE_SHOWN)) {
      const line = leadLine(lead, context);
      // Room kept for the "…and N more" line.
      if (length + line.length + 40 > perSection) break;
      lines.push(line);
      length += line.length + 1;
      shown += 1;
    }
    if (leads.length > shown) lines.push(h.more(leads.length - shown));
    blocks.push(mrkdwnSection(truncate(lines.join('\n'), LIMITS.sectionText)));
  }
  const notes = [h.footer];
  if (report.partial) notes.unshift(h.partial(count(HYGIENE_READ, context.locale)));
  blocks.push(contextLine(notes.join('\n')));
  const summary = issues.map((issue) => `${h.issues[issue]} ${report.groups[issue].length}`).join(' · ');
  return { text: `${h.title(team)}: ${summary}`, blocks };
}

function leadLine(lead: HygieneLead, context: { locale: Locale; timeZone: string }): string {
  const h = messagesFor(context.locale).hygiene;
  const owner = lead.ownerId ? mentionUser(lead.ownerId) : h.nobody;
  const finding = lead.finding;
  let detail = '';
  if (finding.issue === 'timeline') {
    detail = finding.stage === 'LOST' && finding.earlier === 'WON' ? h.wonAndLost : h.timeline(stageLabel(finding.stage, context.locale), stageLabel(finding.earlier, context.locale));
  } else if (finding.issue === 'zombie') {
    detail = h.zombie(slackDate(finding.lastTouchedAt, context.timeZone, 'date'));
  }
  return `${h.line(lead.number, escapeInline(truncate(lead.name, NAME_LENGTH)), owner)}${detail}`;
}
