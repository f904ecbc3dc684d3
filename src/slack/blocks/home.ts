import type { ActionsBlock, Button, HomeView, KnownBlock, Overflow, PlainTextOption } from '@slack/types';
import type { HomeModel, TeamModel } from '../../app/home.js';
import { formatMoney } from '../../digests/format.js';
import { formatMetric } from '../../digests/goals-digest.js';
import { followUpStatus } from '../../domain/follow-ups.js';
import { METRIC_UNIT } from '../../domain/goals.js';
import { DEFAULT_SCORING_RULES, type ScoringRules } from '../../domain/scoring.js';
import { OPEN_STAGES, STAGE_TIMESTAMP, nextOpenStage, type OpenStage } from '../../domain/stages.js';
import { messagesFor, type Locale } from '../../i18n/messages.js';
import type { FollowUpLead } from '../../store/leads.js';
import { ACTION } from '../ids.js';
import { scoreShort } from './lead-card.js';
import { escapeInline, mentionUser, stageLabel, teamDayLabel } from '../text.js';
import { dueCount } from '../../app/follow-ups.js';
import { dueGroups, type DueShown } from './follow-ups-due.js';
import { entryLine } from './journal-lines.js';
import { LIMITS, truncate } from './limits.js';

/**
 * The App Home: the rep's day first (what is due, with its buttons), their open leads by
 * stage a page at a time (each with a menu), the latest on their leads; a manager also
 * sees the team. Sized to stay under Slack's 100 blocks whatever the numbers.
 */

/** The Home shows fewer of each due group than `/lead due`: the open leads follow. */
export const HOME_DUE_SHOWN: DueShown = { due: 5, untouched: 3, zombies: 3 };

export interface HomeContext {
  locale: Locale;
  timeZone: string;
  currency: string;
  /** The team's tiers, for each lead's score; the defaults when not given. */
  scoring?: Pick<ScoringRules, 'tiers'>;
}

/** What a lead's menu on the Home carries: the action, the lead and the stage the person saw. */
export interface HomeMenuValue {
  action: 'followUp' | 'advance' | 'win' | 'lose' | 'show';
  number: string;
  stage: string;
}

export function encodeHomeMenu(value: HomeMenuValue): string {
  return JSON.stringify({ a: value.action, n: value.number, s: value.stage });
}

const DAY_MS = 86_400_000;

function leadMenu(lead: FollowUpLead, locale: Locale): Overflow {
  const t = messagesFor(locale).home.menu;
  const option = (action: HomeMenuValue['action'], text: string): PlainTextOption => ({
    text: { type: 'plain_text', text: truncate(text, LIMITS.optionText) },
    value: encodeHomeMenu({ action, number: lead.number, stage: lead.stage }),
  });
  const next = nextOpenStage(lead.stage);
  const moveOn = next ? option('advance', `${t.advance} → ${stageLabel(next, locale)}`) : option('win', t.win);
  const options = [option('followUp', t.followUp), moveOn, option('lose', t.lose), option('show', t.show)];
  return { type: 'overflow', action_id: ACTION.homeLeadMenu, options };
}

function openLeadLine(lead: FollowUpLead, model: HomeModel, context: HomeContext): string {
  const t = messagesFor(context.locale).home;
  const enteredAt = lead[STAGE_TIMESTAMP[lead.stage as OpenStage]] ?? lead.acquiredAt;
  const days = Math.max(0, Math.floor((model.due.cutoffs.tomorrow.getTime() - enteredAt.getTime()) / DAY_MS));
  const status = followUpStatus(lead, model.due.cutoffs);
  let next = lead.nextFollowUpAt ? t.nextOn(teamDayLabel(lead.nextFollowUpAt, context.timeZone, context.locale)) : t.noNext;
  if (status === 'overdue' && lead.nextFollowUpAt) next = t.overdueSince(teamDayLabel(lead.nextFollowUpAt, context.timeZone, context.locale));
  if (status === 'untouched') next += ` · ${t.untouchedFlag}`;
  if (status === 'zombie') next += ` · ${t.zombieFlag}`;
  const score = scoreShort(lead.score ?? null, context.locale, context.scoring ?? DEFAULT_SCORING_RULES);
  return truncate(t.leadLine(lead.number, `${escapeInline(truncate(lead.name, 80))}${score ? ` · ${score}` : ''}`, days, next), LIMITS.sectionText);
}

function openLeadBlocks(model: HomeModel, context: HomeContext): KnownBlock[] {
  const t = messagesFor(context.locale).home;
  if (model.open.total === 0) return [{ type: 'section', text: { type: 'mrkdwn', text: t.empty } }];
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: t.openTitle(model.open.total) } }];
  for (const stage of OPEN_STAGES) {
    const inStage = model.open.leads.filter((lead) => lead.stage === stage);
    if (inStage.length === 0) continue;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `*${stageLabel(stage, context.locale)}*` }] });
    for (const lead of inStage) {
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: openLeadLine(lead, model, context) }, accessory: leadMenu(lead, context.locale) });
    }
  }
  if (model.open.pages > 1) blocks.push(pageButtons(model.open.page, model.open.pages, context.locale));
  return blocks;
}

function pageButtons(page: number, pages: number, locale: Locale): ActionsBlock {
  const t = messagesFor(locale).home;
  const elements: Button[] = [];
  if (page > 0) elements.push({ type: 'button', action_id: `${ACTION.homePage}_previous`, text: { type: 'plain_text', text: t.previous }, value: String(page - 1) });
  if (page < pages - 1) elements.push({ type: 'button', action_id: `${ACTION.homePage}_next`, text: { type: 'plain_text', text: t.next }, value: String(page + 1) });
  return { type: 'actions', block_id: 'home_pages', elements: [...elements, { type: 'button', action_id: `${ACTION.homePage}_first`, text: { type: 'plain_text', text: t.page(page + 1, pages) }, value: '0' }] };
}

function feedBlocks(model: HomeModel, context: HomeContext): KnownBlock[] {
  if (model.feed.length === 0) return [];
  const t = messagesFor(context.locale).home;
  const lines = model.feed.map((entry) => `*${entry.lead.number}* ${escapeInline(truncate(entry.lead.name, 40))}\n${entryLine(entry, context)}`);
  return [{ type: 'section', text: { type: 'mrkdwn', text: truncate(`${t.feedTitle}\n${lines.join('\n')}`, LIMITS.sectionText) } }];
}

function teamBlocks(team: TeamModel, context: HomeContext): KnownBlock[] {
  const { locale, currency } = context;
  const t = messagesFor(locale).home;
  const g = messagesFor(locale).goals;
  const open = new Map<string, number>();
  for (const row of team.owners) if ((OPEN_STAGES as readonly string[]).includes(row.stage)) open.set(row.ownerId, (open.get(row.ownerId) ?? 0) + row.count);
  const late = new Map(team.overdue.map((owner) => [owner.ownerId, owner]));
  const owners = [...new Set([...open.keys(), ...late.keys()])].sort((a, b) => (late.get(b)?.total ?? 0) - (late.get(a)?.total ?? 0) || (open.get(b) ?? 0) - (open.get(a) ?? 0) || a.localeCompare(b));
  const ownerLines = owners.slice(0, 20).map((ownerId) => `• ${t.ownerLine(mentionUser(ownerId), open.get(ownerId) ?? 0, late.get(ownerId)?.total ?? 0, late.get(ownerId)?.buckets.zombie ?? 0)}`);
  const activity = team.activity;
  const goals = team.goals.filter((goal) => !goal.closed).slice(0, 10);
  const goalLines = goals.map((goal) => {
    // What is still needed a day, rounded up: 1.4 leads a day means two on some days.
    const needed = goal.perDay === undefined ? undefined : METRIC_UNIT[goal.metric] === 'count' ? String(Math.ceil(goal.perDay)) : (Math.ceil(goal.perDay * 100) / 100).toFixed(2);
    const perDay = needed !== undefined ? t.perDay(formatMetric(goal.metric, needed, locale, currency)) : '';
    return `${t.goalLine(g.statusEmoji[goal.progress.status], escapeInline(goal.label), formatMetric(goal.metric, goal.actual, locale, currency), formatMetric(goal.metric, goal.target, locale, currency), g.status[goal.progress.status])}${perDay}`;
  });
  return [
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: t.teamTitle } },
    { type: 'section', text: { type: 'mrkdwn', text: truncate([ownerLines.length > 0 ? ownerLines.join('\n') : t.noTeamLeads, ...(team.pooled > 0 ? [t.poolLine(team.pooled)] : [])].join('\n'), LIMITS.sectionText) } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `${t.weekTitle(team.week.label.replace('..', ' – '))}\n${t.weekNumbers(activity.newLeads, activity.wonCount, formatMoney(activity.revenueMinor, currency, locale), activity.lostCount)}` },
    },
    { type: 'section', text: { type: 'mrkdwn', text: truncate(`${t.goalsTitle}\n${goalLines.length > 0 ? goalLines.join('\n') : t.noGoals}`, LIMITS.sectionText) } },
    { type: 'actions', block_id: 'home_team', elements: [{ type: 'button', action_id: ACTION.homeWeeklyDigest, text: { type: 'plain_text', text: t.openWeeklyDigest }, value: 'this-week' }] },
  ];
}

export function homeView(model: HomeModel, context: HomeContext, now: Date): HomeView {
  const t = messagesFor(context.locale);
  const due = dueCount(model.due) > 0 ? dueGroups(model.due, context, HOME_DUE_SHOWN) : [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: t.followUp.dueNothing } }];
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(t.home.dayTitle(teamDayLabel(now, context.timeZone, context.locale)), LIMITS.headerText) } },
    ...due,
    { type: 'divider' },
    ...openLeadBlocks(model, context),
    ...feedBlocks(model, context),
    ...(model.team ? teamBlocks(model.team, context) : []),
  ];
  return { type: 'home', blocks: blocks.slice(0, LIMITS.viewBlocks) };
}
