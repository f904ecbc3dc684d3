import { DateTime } from 'luxon';
import { mayRecordCosts, recordCost, removeCost, type CostInput } from '../app/costs.js';
import { minorUnits, parseAmount } from '../domain/amount.js';
import { parseDimension, splitChannelsArguments, type ChannelDimension } from '../domain/channel-metrics.js';
import { CostNotPositive, parseCostCommand, parseCostMonth, parseCostTarget, type CostTarget } from '../domain/costs.js';
import { InvalidAmount } from '../domain/errors.js';
import { monthContaining, parsePeriod, quarterContaining } from '../domain/periods.js';
import { KNOWN_SOURCE_CHANNELS, knownTag, normalizeSourceChannel } from '../domain/tags.js';
import { channelsDraft } from '../digests/drafts.js';
import { formatMoney } from '../digests/format.js';
import { displayNames } from '../store/members.js';
import { costModal, costRecordedMessage, costRemovedMessage, COST_MONTHS_OFFERED } from './blocks/cost-modal.js';
import { textMessage, type SlackMessage } from './blocks/message.js';
import { amountFieldProblem } from './errors.js';
import { sourceChannelChoices } from './goal-operations.js';
import { FIELD } from './ids.js';
import { later, modal, reply, type Actor, type Outcome, type SubmissionOutcome } from './listen.js';
import type { InputState } from './listeners/views/view-state.js';
import { profileFromSlack } from './profiles.js';
import { privateDigestMessage } from './publish.js';
import type { AppServices } from './services.js';
import { escapeInline, escapeText } from './text.js';

/** `/lead cost` (a line or its form) and `/lead channels`. */

function monthsOffered(now: Date, timeZone: string) {
  const current = DateTime.fromJSDate(now, { zone: timeZone }).startOf('month');
  return Array.from({ length: COST_MONTHS_OFFERED }, (_, i) => {
    const start = current.minus({ months: i });
    return { value: start.toFormat('yyyy-LL'), month: monthContaining(start.toJSDate(), timeZone) };
  });
}

export async function costModalFor(services: AppServices, actor: Actor): Promise<Outcome> {
  mayRecordCosts(actor);
  // One indexed read of the team's channel tags: well within the trigger's 3 seconds.
  const channels = await sourceChannelChoices(services, actor.workspace);
  return modal(costModal(actor.locale, { channelId: actor.channelId, currency: actor.workspace.currency, timeZone: actor.workspace.timeZone }, channels, monthsOffered(services.now(), actor.workspace.timeZone)));
}

function targetLabel(target: CostTarget, actor: Actor): string {
  if (target.kind === 'campaign') return actor.t.costs.campaign(escapeInline(target.campaign));
  return escapeInline(knownTag(target.channel.key, KNOWN_SOURCE_CHANNELS)?.[actor.locale] ?? target.channel.label);
}

async function record(services: AppServices, actor: Actor, input: CostInput): Promise<SlackMessage> {
  const { entry, monthTotalMinor } = await recordCost(actor, services.db, input);
  const money = (minor: bigint) => formatMoney(minor, actor.workspace.currency, actor.locale);
  return costRecordedMessage(actor.locale, { entryId: entry.id, targetLabel: targetLabel(input.target, actor), amount: money(entry.amountMinor), total: money(monthTotalMinor), monthStart: entry.periodStart, timeZone: actor.workspace.timeZone });
}

/** "Remove this entry" under a recorded cost. */
export async function removeCostEntryAs(services: AppServices, actor: Actor, id: number): Promise<Outcome> {
  const removed = await removeCost(actor, services.db, id);
  if (!removed) return reply(textMessage(actor.t.costs.removedAlready));
  const target: CostTarget | undefined = removed.sourceChannel
    ? { kind: 'channel', channel: { key: removed.sourceChannel, label: removed.sourceChannel } }
    : removed.campaign
      ? { kind: 'campaign', campaign: removed.campaign }
      : undefined;
  const label = target ? targetLabel(target, actor) : '';
  return reply(costRemovedMessage(actor.locale, { targetLabel: label, amount: formatMoney(removed.amountMinor, removed.currency, actor.locale), monthStart: removed.periodStart, timeZone: actor.workspace.timeZone }));
}

/** `/lead cost <channel|campaign:name> <amount> [month]`; alone, the form. */
export async function costCommand(services: AppServices, actor: Actor, text: string | undefined): Promise<Outcome> {
  if (!text) return costModalFor(services, actor);
  // Refused before reading the line, so a rep hears who may rather than what was wrong with it.
  mayRecordCosts(actor);
  const parsed = parseCostCommand(text, services.now(), actor.workspace.timeZone);
  return reply(await record(services, actor, { target: parsed.target, amount: parsed.amount, month: parsed.month }));
}

/** The form as submitted: each problem beside its input, or the cost to record. */
export function costFromForm(input: (id: string) => InputState | undefined, choices: ReadonlyArray<{ key: string; label: string }>, actor: Actor, now: Date): { errors: Record<string, string> } | { cost: CostInput } {
  const c = actor.t.costs;
  const errors: Record<string, string> = {};
  const channelKey = input(FIELD.costChannel)?.selected_option?.value ?? undefined;
  const campaign = input(FIELD.costCampaign)?.value?.trim() || undefined;
  let target: CostTarget | undefined;
  if (channelKey && campaign) errors[FIELD.costChannel] = c.notBoth;
  else if (!channelKey && !campaign) errors[FIELD.costChannel] = c.pickOne;
  else if (channelKey) {
    const choice = choices.find((channel) => channel.key === channelKey);
    // A key the form never offered is a forged submission: refused like a missing pick.
    const tag = choice ? normalizeSourceChannel(knownTag(choice.key, KNOWN_SOURCE_CHANNELS)?.en ?? choice.label) : undefined;
    if (tag && tag.key === channelKey) target = { kind: 'channel', channel: tag };
    else errors[FIELD.costChannel] = actor.t.fieldProblems.not_offered(c.channelLabel);
  } else {
    try {
      target = parseCostTarget(`campaign:${campaign}`);
    } catch {
      errors[FIELD.costCampaign] = actor.t.fieldProblems.invalid(c.campaignLabel);
    }
  }
  let amount: string | undefined;
  try {
    amount = parseAmount(input(FIELD.costAmount)?.value ?? '');
    if (minorUnits(amount) <= 0n) throw new CostNotPositive(amount);
  } catch (error) {
    if (error instanceof CostNotPositive) errors[FIELD.costAmount] = c.notPositiveField;
    else if (error instanceof InvalidAmount) errors[FIELD.costAmount] = amountFieldProblem(error, actor.locale, c.badAmount);
    else throw error;
  }
  const monthValue = input(FIELD.costMonth)?.selected_option?.value ?? '';
  let month;
  if (/^\d{4}-\d{2}$/.test(monthValue)) month = parseCostMonth(monthValue, now, actor.workspace.timeZone);
  else errors[FIELD.costMonth] = actor.t.fieldProblems.not_offered(c.monthLabel);
  if (Object.keys(errors).length > 0 || !target || !amount || !month) return { errors };
  return { cost: { target, amount, month } };
}

export async function saveCostFromForm(services: AppServices, actor: Actor, input: (id: string) => InputState | undefined): Promise<SubmissionOutcome> {
  mayRecordCosts(actor);
  const form = costFromForm(input, await sourceChannelChoices(services, actor.workspace), actor, services.now());
  if ('errors' in form) return { kind: 'errors', errors: form.errors };
  return { kind: 'done', message: await record(services, actor, form.cost) };
}

/** `/lead channels [period] [by …]`: the report for the caller alone, in their language, its chart uploaded privately. Without a period, this quarter. */
export async function channelsReport(services: AppServices, actor: Actor, text: string | undefined): Promise<Outcome> {
  const { timeZone } = actor.workspace;
  const now = services.now();
  const words = splitChannelsArguments(text ?? '');
  let by: ChannelDimension = 'channel';
  if (words.by !== undefined) {
    const parsed = parseDimension(words.by);
    if (!parsed) return reply(textMessage(actor.t.channels.badBy(escapeText(words.by))));
    by = parsed;
  }
  const period = words.period ? parsePeriod(words.period, now, timeZone) : quarterContaining(now, timeZone);
  if (!period) return reply(textMessage(actor.t.digest.badPeriod(escapeText(words.period!))));
  const names = (userIds: string[]) => displayNames(services.db, actor.workspace.id, userIds, now, (userId) => profileFromSlack(actor.client, userId));
  return later(textMessage(actor.t.working), async () => privateDigestMessage(actor.client, await channelsDraft(services, { ...actor.workspace, locale: actor.locale }, period, by, names)));
}
