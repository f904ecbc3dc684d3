import type { App } from '@slack/bolt';
import { VIEW } from '../../ids.js';
import { viewSubmission } from '../../listen.js';
import type { AppServices } from '../../services.js';
import { saveSettings, settingsDraftFrom } from '../../settings-operations.js';
import { readInputs } from './view-state.js';

export function register(app: App, services: AppServices): void {
  app.view(
    VIEW.settings,
    viewSubmission(services, (actor, view) => saveSettings(services, actor, settingsDraftFrom(readInputs(view.state.values)))),
  );
}
