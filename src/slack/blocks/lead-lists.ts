import type { KnownBlock, TableBlock } from '@slack/types';
import { DEFAULT_SCORING_RULES, type ScoringRules } from '../../domain/scoring.js';
import { OPEN_STAGES, STAGES, type Stage } from '../../domain/stages.js';
import { messagesFor, type Locale } from '../../i18n/messages.js';
import type { OwnerStageCount } from '../../store/leads.js';
import { escapeInline, slackDate, stageLabel } from '../text.js';
import { scoreShort } from './lead-card.js';
import { LIMITS, truncate } from './limits.js';
import type { SlackMessage } from './message.js';

export interface OpenLeadLine {
  number: string;
  name: string;
  stage: Stage;
  nextFollowUpAt: Date | null;
  score?: number | null;
}

const LINES_PER_STAGE = 15;

/**
 * Slack refuses a message of more than about 13k characters (msg_blocks_too_long) even
 * when every section is under 3000; the stage sections share this budget.
 */
const LIST_CHARACTER_BUDGET = 11_000;

/**
 * Open leads grouped by stage, overdue follow-ups called out; shared by `/lead mine` and
 * the App Home. A follow-up is due on a day, so it is overdue once that day has passed.
 */
export function openLeadsBlocks(leads: OpenLeadLine[], locale: Locale, timeZone: string, today: Date, scoring: Pick<ScoringRules, 'tiers'> = DEFAULT_SCORING_RULES): KnownBlock[] {
  const t = messagesFor(locale);
  const stages = OPEN_STAGES.filter((stage) => leads.some((lead) => lead.stage === stage));
  const perSection = Math.min(LIMITS.sectionText, Math.floor(LIST_CHARACTER_BUDGET / Math.max(stages.length, 1)));
  return stages.map((stage) => {
    const inStage = leads.filter((lead) => lead.stage === stage);
    const title = `*${stageLabel(stage, locale)}* (${inStage.length})`;
    const lines: string[] = [];
    let length = title.length;
    for (const lead of inStage.slice(0, LINES_PER_STAGE)) {
      const line = leadLine(lead, locale, timeZone, today, scoring);
      // Room is kept for the "…and N more" line.
      if (length + line.length + 1 > perSection - 40) break;
      lines.push(line);
      length += line.length + 1;
    }
    if (inStage.length > lines.length) lines.push(t.andMore(inStage.length - lines.length));
    return { type: 'section', text: { type: 'mrkdwn', text: truncate(`${title}\n${lines.join('\n')}`, perSection) } };
  });
}

function leadLine(lead: OpenLeadLine, locale: Locale, timeZone: string, today: Date, scoring: Pick<ScoringRules, 'tiers'>): string {
  const t = messagesFor(locale);
  let line = `• *${lead.number}* ${escapeInline(truncate(lead.name, 80))}`;
  const score = scoreShort(lead.score ?? null, locale, scoring);
  if (score) line += ` · ${score}`;
  if (lead.nextFollowUpAt) {
    line += lead.nextFollowUpAt < today
      ? ` — :warning: ${t.overdueSince(slackDate(lead.nextFollowUpAt, timeZone, 'date'))}`
      : ` — ${t.nextFollowUp} ${slackDate(lead.nextFollowUpAt, timeZone, 'date')}`;
  }
  return line;
}

export function mineMessage(leads: OpenLeadLine[], locale: Locale, timeZone: string, today: Date, scoring: Pick<ScoringRules, 'tiers'> = DEFAULT_SCORING_RULES): SlackMessage {
  const t = messagesFor(locale);
  if (leads.length === 0) return { text: t.mineEmpty, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: t.mineEmpty } }] };
  return {
    text: t.mineTitle(leads.length),
    blocks: [{ type: 'header', text: { type: 'plain_text', text: t.mineTitle(leads.length) } }, ...openLeadsBlocks(leads, locale, timeZone, today, scoring)],
  };
}

function countCell(value: number) {
  return { type: 'raw_number' as const, value, text: String(value) };
}

/** A table block holds 100 rows with its header. */
const MAX_OWNER_ROWS = 99;

/** Owners × stages with counts: the card's "show who owns what". */
export function ownersMessage(counts: OwnerStageCount[], locale: Locale): SlackMessage {
  const t = messagesFor(locale);
  if (counts.length === 0) return { text: t.ownersEmpty, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: t.ownersEmpty } }] };
  const byOwner = new Map<string, Map<Stage, number>>();
  for (const { ownerId, stage, count } of counts) {
    const row = byOwner.get(ownerId) ?? new Map<Stage, number>();
    row.set(stage, (row.get(stage) ?? 0) + count);
    byOwner.set(ownerId, row);
  }
  const total = (row: Map<Stage, number>) => [...row.values()].reduce((sum, n) => sum + n, 0);
  const owners = [...byOwner.entries()].sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]));
  const rows: TableBlock['rows'] = [
    [t.owner, ...STAGES.map((stage) => stageLabel(stage, locale)), t.total].map((text) => ({ type: 'raw_text' as const, text })),
    ...owners.slice(0, MAX_OWNER_ROWS).map(([ownerId, row]) => [
      { type: 'rich_text' as const, elements: [{ type: 'rich_text_section' as const, elements: [{ type: 'user' as const, user_id: ownerId }] }] },
      ...STAGES.map((stage) => countCell(row.get(stage) ?? 0)),
      countCell(total(row)),
    ]),
  ];
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: t.ownersTitle } },
    { type: 'table', rows, column_settings: [{ align: 'left' }, ...STAGES.map(() => ({ align: 'right' as const })), { align: 'right' }] },
  ];
  if (owners.length > MAX_OWNER_ROWS) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t.andMore(owners.length - MAX_OWNER_ROWS) }] });
  }
  const summary = owners.map(([ownerId, row]) => `<@${ownerId}> ${total(row)}`).join(', ');
  return { text: `${t.ownersTitle}: ${summary}`, blocks };
}
