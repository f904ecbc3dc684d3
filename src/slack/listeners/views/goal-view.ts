import type { App } from '@slack/bolt';
import { z } from 'zod';
import { goalFormValues, saveGoal } from '../../goal-operations.js';
import { VIEW } from '../../ids.js';
import { viewSubmission } from '../../listen.js';
import type { AppServices } from '../../services.js';
import { readInputs } from './view-state.js';

const goalContext = z.object({ goalId: z.number().optional(), channelId: z.string().optional() });

export function register(app: App, services: AppServices): void {
  app.view(
    VIEW.goal,
    viewSubmission(services, (actor, view) => {
      const context = goalContext.parse(JSON.parse(view.private_metadata || '{}'));
      return saveGoal(services, actor, goalFormValues(readInputs(view.state.values), context));
    }),
  );
}
