import type { App } from '@slack/bolt';
import { z } from 'zod';
import { importFromForm, importNow } from '../../import-operations.js';
import { ACTION, VIEW } from '../../ids.js';
import { buttonAction, viewSubmission } from '../../listen.js';
import type { AppServices } from '../../services.js';

/** What "Import it now" carries: the Slack file id of the sheet the dry run read. */
const fileId = z.string().regex(/^F[A-Z0-9]{1,30}$/);

export function register(app: App, services: AppServices): void {
  app.view(
    VIEW.importSheet,
    viewSubmission(services, async (actor, view) => importFromForm(services, actor, view)),
  );
  app.action(
    ACTION.importNow,
    buttonAction(services, async (actor, value) => importNow(services, actor, fileId.parse(value))),
  );
}
