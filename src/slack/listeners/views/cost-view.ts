import type { App } from '@slack/bolt';
import { saveCostFromForm } from '../../cost-operations.js';
import { VIEW } from '../../ids.js';
import { viewSubmission } from '../../listen.js';
import type { AppServices } from '../../services.js';
import { readInputs } from './view-state.js';

export function register(app: App, services: AppServices): void {
  app.view(
    VIEW.cost,
    viewSubmission(services, (actor, view) => saveCostFromForm(services, actor, readInputs(view.state.values))),
  );
}
