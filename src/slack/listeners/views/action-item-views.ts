import type { App } from '@slack/bolt';
import { z } from 'zod';
import { submitActionItem, submitClosing } from '../../action-operations.js';
import { ACTION_ITEM_BLOCKS, UNMEASURED_METRIC } from '../../blocks/modals.js';
import { FIELD, VIEW } from '../../ids.js';
import { viewSubmission } from '../../listen.js';
import type { AppServices } from '../../services.js';
import { readInputs, textOf } from './view-state.js';

const newContext = z.object({ channelId: z.string().optional(), threadTs: z.string().max(40).optional(), findingId: z.number().int().positive().optional() });
const closeContext = z.object({ channelId: z.string().optional(), id: z.number().int().positive() });

export function register(app: App, services: AppServices): void {
  app.view(
    VIEW.actionItem,
    viewSubmission(
      services,
      (actor, view) => {
        const context = newContext.parse(JSON.parse(view.private_metadata || '{}'));
        const input = readInputs(view.state.values);
        const metricKey = input(FIELD.actionMetric)?.selected_option?.value;
        return submitActionItem(services, actor, {
          channelId: context.channelId,
          threadTs: context.threadTs,
          findingId: context.findingId,
          draft: {
            title: textOf(input(FIELD.actionTitle)),
            conclusion: textOf(input(FIELD.actionConclusion)),
            ownerId: input(FIELD.actionOwner)?.selected_user ?? undefined,
            dueDay: input(FIELD.actionDue)?.selected_date ?? undefined,
            metricKey: metricKey === UNMEASURED_METRIC ? undefined : metricKey,
            target: textOf(input(FIELD.actionTarget)),
          },
        });
      },
      ACTION_ITEM_BLOCKS,
    ),
  );
  app.view(
    VIEW.closeActionItem,
    viewSubmission(
      services,
      (actor, view) => {
        const context = closeContext.parse(JSON.parse(view.private_metadata || '{}'));
        const input = readInputs(view.state.values);
        return submitClosing(services, actor, { id: context.id, outcome: input(FIELD.actionOutcome)?.selected_option?.value, result: textOf(input(FIELD.actionResult)) });
      },
      ACTION_ITEM_BLOCKS,
    ),
  );
}
