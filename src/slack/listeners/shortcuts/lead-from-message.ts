import type { App } from '@slack/bolt';
import { SHORTCUT } from '../../ids.js';
import { newLeadFromMessage, permalinkOf } from '../../lead-operations.js';
import { messageShortcut } from '../../listen.js';
import type { AppServices } from '../../services.js';

export function register(app: App, services: AppServices): void {
  app.shortcut(
    { type: 'message_action', callback_id: SHORTCUT.leadFromMessage },
    messageShortcut(services, {
      // Asked of Slack while the person is looked up: the two together must fit the trigger's 3 s.
      begin: (client, message) => permalinkOf(services, client, message),
      handle: async (actor, message, permalink) => newLeadFromMessage(actor, message, await permalink),
    }),
  );
}
