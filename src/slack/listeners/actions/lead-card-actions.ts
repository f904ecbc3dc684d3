import type { App } from '@slack/bolt';
import { z } from 'zod';
import { STAGES, type Stage } from '../../../domain/stages.js';
import { ACTION } from '../../ids.js';
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { errorMessage } from '../../errors.js';
import { askOwnerAboutDuplicate, advanceLead, editModalFor, loseModalFor, reopenLead, showLead, winModalFor } from '../../lead-operations.js';
import { FIELD } from '../../ids.js';
import { readInputs } from '../views/view-state.js';
import type { Locale } from '../../../i18n/messages.js';
import { followUpModalFor, loseForNoResponse } from '../../follow-up-operations.js';
import { actorFor, buttonAction, tellUser, type Actor, type Outcome } from '../../listen.js';
import { claimLead, releaseLead } from '../../pool-operations.js';
import type { AppServices } from '../../services.js';

/** The value encodeCardAction() puts on a card's buttons. */
const cardActionValue = z
  .string()
  .transform((text) => JSON.parse(text) as unknown)
  .pipe(z.object({ n: z.string().regex(/^\d+$/), s: z.enum(STAGES) }))
  .transform(({ n, s }) => ({ number: n, stage: s }));

/** What an "Ask the owner" button on the new-lead form carries: the lead it may duplicate. */
const askOwnerValue = z
  .string()
  .transform((text) => JSON.parse(text) as unknown)
  .pipe(z.object({ n: z.string().regex(/^\d+$/) }));

/** The new-lead form's context, for where to answer. */
const formChannel = z
  .string()
  .transform((text) => JSON.parse(text || '{}') as unknown)
  .pipe(z.object({ channelId: z.string().optional() }).passthrough());

export function register(app: App, services: AppServices): void {
  app.action(
    ACTION.showLead,
    buttonAction(services, (actor, value) => showLead(services, actor, cardActionValue.parse(value).number)),
  );
  // A button inside a modal: no response_url, so the answer goes where the form was opened.
  app.action(
    new RegExp(`^${ACTION.askOwner}_\\d+$`),
    async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
      await ack();
      const channelId = body.view ? formChannel.parse(body.view.private_metadata).channelId : undefined;
      let locale: Locale = 'en';
      try {
        const actor = await actorFor(services, body.team?.id ?? body.user.team_id, body.user.id, channelId, client);
        locale = actor.locale;
        const company = body.view ? readInputs(body.view.state.values)(FIELD.name)?.value ?? undefined : undefined;
        await askOwnerAboutDuplicate(services, actor, { number: askOwnerValue.parse(action.value ?? '').n, company });
      } catch (error) {
        services.logger.warn({ err: error }, 'could not ask the owner');
        await tellUser(services, client, { userId: body.user.id, channelId }, errorMessage(error, locale).message);
      }
    },
  );
  // Every button of a card or a due list carries the lead and the stage it was shown at.
  const onLeadButton = (actionId: string, handle: (actor: Actor, lead: { number: string; stage: Stage }) => Promise<Outcome>) =>
    app.action(actionId, buttonAction(services, (actor, value) => handle(actor, cardActionValue.parse(value))));
  onLeadButton(ACTION.advance, (actor, { number, stage }) => advanceLead(services, actor, { number, expectedStage: stage }));
  onLeadButton(ACTION.openLose, (actor, { number, stage }) => loseModalFor(services, actor, number, stage));
  onLeadButton(ACTION.openWin, (actor, { number, stage }) => winModalFor(services, actor, number, stage));
  onLeadButton(ACTION.openEdit, (actor, { number }) => editModalFor(services, actor, number));
  onLeadButton(ACTION.reopen, (actor, { number }) => reopenLead(services, actor, number));
  onLeadButton(ACTION.openFollowUp, (actor, { number, stage }) => followUpModalFor(services, actor, number, stage));
  onLeadButton(ACTION.loseNoResponse, (actor, { number, stage }) => loseForNoResponse(services, actor, number, stage));
  onLeadButton(ACTION.release, (actor, { number, stage }) => releaseLead(services, actor, number, stage));
  onLeadButton(ACTION.claim, (actor, { number }) => claimLead(services, actor, number));
}
