import type { App } from '@slack/bolt';
import { z } from 'zod';
import { removeCostEntryAs } from '../../cost-operations.js';
import { ACTION } from '../../ids.js';
import { buttonAction } from '../../listen.js';
import type { AppServices } from '../../services.js';

/** What "Remove this entry" carries: the cost entry's id. */
const entryId = z.string().regex(/^\d{1,12}$/).transform(Number);

export function register(app: App, services: AppServices): void {
  app.action(ACTION.removeCost, buttonAction(services, (actor, value) => removeCostEntryAs(services, actor, entryId.parse(value))));
}
