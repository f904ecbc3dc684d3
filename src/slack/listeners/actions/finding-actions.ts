import type { App } from '@slack/bolt';
import { z } from 'zod';
import { actionItemModalFor } from '../../action-operations.js';
import { dismissFindingForm } from '../../finding-operations.js';
import { ACTION } from '../../ids.js';
import { buttonAction } from '../../listen.js';
import type { AppServices } from '../../services.js';

const findingId = z.string().regex(/^\d{1,12}$/).transform(Number);

export function register(app: App, services: AppServices): void {
  app.action(ACTION.dismissFinding, buttonAction(services, async (actor, value) => dismissFindingForm(actor, findingId.parse(value))));
  app.action(ACTION.actionFromFinding, buttonAction(services, (actor, value) => actionItemModalFor(services, actor, { findingId: findingId.parse(value) })));
}
