import type { App } from '@slack/bolt';
import { z } from 'zod';
import { closeActionItemModalFor } from '../../action-operations.js';
import { ACTION } from '../../ids.js';
import { buttonAction } from '../../listen.js';
import type { AppServices } from '../../services.js';

/** What a Close button of `/lead actions` carries: the item's id. */
const itemId = z.string().regex(/^\d{1,9}$/).transform(Number);

export function register(app: App, services: AppServices): void {
  app.action(
    ACTION.closeActionItem,
    buttonAction(services, (actor, value) => closeActionItemModalFor(services, actor, itemId.parse(value))),
  );
}
