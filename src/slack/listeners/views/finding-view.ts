import type { App } from '@slack/bolt';
import { z } from 'zod';
import { dismissFindingWithReason } from '../../finding-operations.js';
import { FIELD, VIEW } from '../../ids.js';
import { viewSubmission } from '../../listen.js';
import type { AppServices } from '../../services.js';
import { readInputs, textOf } from './view-state.js';

const dismissContext = z.object({ findingId: z.number().int().positive(), channelId: z.string().optional() });

export function register(app: App, services: AppServices): void {
  app.view(
    VIEW.dismissFinding,
    viewSubmission(
      services,
      (actor, view) => {
        const context = dismissContext.parse(JSON.parse(view.private_metadata || '{}'));
        return dismissFindingWithReason(services, actor, context.findingId, textOf(readInputs(view.state.values)(FIELD.dismissReason)));
      },
      { dismissReason: FIELD.dismissReason },
    ),
  );
}
