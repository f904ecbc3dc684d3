import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { closeGoalFromButton, goalFormValues, goalModalFor, refreshedGoalModal } from '../../goal-operations.js';
import { ACTION, FIELD } from '../../ids.js';
import { actorFor, buttonAction } from '../../listen.js';
import type { AppServices } from '../../services.js';
import { readInputs } from '../views/view-state.js';

const goalId = z.string().regex(/^\d+$/).transform(Number);

/** Inputs of the goal modal whose change changes the baseline shown under the metric. */
const BASELINE_INPUTS = [FIELD.goalMetric, FIELD.goalPeriod, FIELD.goalOwner, FIELD.goalChannel];

export function register(app: App, services: AppServices): void {
  app.action(ACTION.editGoal, buttonAction(services, (actor, value) => goalModalFor(services, actor, goalId.parse(value))));
  app.action(ACTION.closeGoal, buttonAction(services, (actor, value) => closeGoalFromButton(services, actor, goalId.parse(value))));

  for (const input of BASELINE_INPUTS) {
    app.action(input, async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
      await ack();
      const view = body.view;
      if (!view) return;
      try {
        const actor = await actorFor(services, body.team?.id ?? body.user.team_id, body.user.id, undefined, client);
        const context = z.object({ goalId: z.number().optional(), channelId: z.string().optional() }).parse(JSON.parse(view.private_metadata || '{}'));
        const values = goalFormValues(readInputs(view.state.values), context);
        // The hash makes Slack refuse this update if the person changed the form again meanwhile.
        await client.views.update({ view_id: view.id, hash: view.hash, view: await refreshedGoalModal(services, actor, values) });
      } catch (error) {
        services.logger.warn({ err: error }, 'could not refresh the goal baseline');
      }
    });
  }
}

