import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { dueCount, type FollowUpsDue, type MorningModel } from '../../app/follow-ups.js';
import { lastTouchedAt } from '../../domain/follow-ups.js';
import { nextOpenStage } from '../../domain/stages.js';
import { messagesFor, type Locale } from '../../i18n/messages.js';
import type { FollowUpLead } from '../../store/leads.js';
import { ACTION } from '../ids.js';
import { escapeInline, stageLabel, teamDayLabel } from '../text.js';
import { encodeCardAction, followUpButton } from './lead-card.js';
import { LIMITS, truncate } from './limits.js';
import type { SlackMessage } from './message.js';

/**
 * `/lead due`: the rep's day. Each lead is a line and its buttons (two blocks), so the
 * groups are capped to stay well inside Slack's 50 blocks of a message.
 */
export const DUE_SHOWN: DueShown = { due: 10, untouched: 5, zombies: 5 };

export interface Context {
  locale: Locale;
  timeZone: string;
}

function leadText(lead: FollowUpLead, detail: string, context: Context): string {
  return truncate(`*${lead.number}* ${escapeInline(truncate(lead.name, 80))} · ${stageLabel(lead.stage, context.locale)} · ${detail}`, LIMITS.sectionText);
}

function button(actionId: string, text: string, lead: FollowUpLead, style?: 'primary' | 'danger'): Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text }, value: encodeCardAction({ number: lead.number, stage: lead.stage }), ...(style ? { style } : {}) };
}

/** Log follow-up, then moving it on (advance, or win at the last open stage), then closing it. */
function dueActions(lead: FollowUpLead, locale: Locale, closing: Button[]): ActionsBlock {
  const t = messagesFor(locale).card;
  const next = nextOpenStage(lead.stage);
  const moveOn = next ? button(ACTION.advance, t.advance(stageLabel(next, locale)), lead) : button(ACTION.openWin, t.markWon, lead);
  return { type: 'actions', block_id: `lead_actions_${lead.number}`, elements: [{ ...followUpButton(lead, locale), style: 'primary' }, moveOn, ...closing] };
}

function group(title: string, leads: FollowUpLead[], shown: number, line: (lead: FollowUpLead) => string, closing: (lead: FollowUpLead) => Button[], locale: Locale): KnownBlock[] {
  if (leads.length === 0) return [];
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: title } }];
  for (const lead of leads.slice(0, shown)) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: line(lead) } }, dueActions(lead, locale, closing(lead)));
  }
  if (leads.length > shown) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: messagesFor(locale).followUp.andMore(leads.length - shown) }] });
  return blocks;
}

/** How many of each group a list shows. */
export interface DueShown {
  due: number;
  untouched: number;
  zombies: number;
}

/** The three groups, each a title and its leads with their buttons; nothing when nothing is due. */
export function dueGroups(due: FollowUpsDue, context: Context, shown: DueShown = DUE_SHOWN): KnownBlock[] {
  const { locale, timeZone } = context;
  const t = messagesFor(locale).followUp;
  const card = messagesFor(locale).card;
  const markLost = (lead: FollowUpLead) => [button(ACTION.openLose, card.markLost, lead, 'danger')];
  return [
    ...group(
      t.dueSection(due.due.length),
      due.due,
      shown.due,
      (lead) => leadText(lead, lead.nextFollowUpAt! < due.cutoffs.today ? `:warning: ${t.overdueSince(teamDayLabel(lead.nextFollowUpAt!, timeZone, locale))}` : t.dueToday, context),
      markLost,
      locale,
    ),
    ...group(
      t.untouchedSection(due.untouched.length, due.rules.untouchedAfterDays),
      due.untouched,
      shown.untouched,
      (lead) => leadText(lead, t.acquiredOn(teamDayLabel(lead.acquiredAt, timeZone, locale)), context),
      markLost,
      locale,
    ),
    ...group(
      t.zombieSection(due.zombies.length, due.rules.zombieAfterDays),
      due.zombies,
      shown.zombies,
      (lead) => leadText(lead, `:zzz: ${t.quietSince(teamDayLabel(lastTouchedAt(lead), timeZone, locale))}`, context),
      // A zombie: close it in one click, or give it back to the team for someone with time.
      (lead) => [button(ACTION.loseNoResponse, t.markLostNoResponse, lead, 'danger'), button(ACTION.release, messagesFor(locale).pool.release, lead)],
      locale,
    ),
  ];
}

/** The morning DM: a greeting with the count, the rep's day, and how to see it again. */
export function morningMessage(model: MorningModel): SlackMessage {
  const t = messagesFor(model.locale).morning;
  const greeting = t.greeting(dueCount(model.due));
  return {
    text: greeting,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: greeting } },
      ...dueGroups(model.due, { locale: model.locale, timeZone: model.timeZone }),
      { type: 'context', elements: [{ type: 'mrkdwn', text: t.footer }] },
    ],
  };
}

export function followUpsDueMessage(due: FollowUpsDue, context: Context): SlackMessage {
  const t = messagesFor(context.locale).followUp;
  if (dueCount(due) === 0) return { text: t.dueNothing, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: t.dueNothing } }] };
  return { text: `${t.dueTitle}: ${dueCount(due)}`, blocks: [{ type: 'header', text: { type: 'plain_text', text: t.dueTitle } }, ...dueGroups(due, context)] };
}
