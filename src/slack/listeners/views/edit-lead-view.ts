import type { App } from '@slack/bolt';
import { z } from 'zod';
import { EDIT_LEAD_BLOCKS, readEditForm } from '../../blocks/edit-modal.js';
import { VIEW } from '../../ids.js';
import { saveEdit } from '../../lead-operations.js';
import { viewSubmission } from '../../listen.js';
import type { AppServices } from '../../services.js';
import { readInputs } from './view-state.js';

/** What the edit form carries: where to answer, the lead, and the version it showed. */
const editContext = z
  .string()
  .transform((text) => JSON.parse(text || '{}') as unknown)
  .pipe(z.object({ channelId: z.string().optional(), number: z.string().regex(/^\d+$/), version: z.number().int().nonnegative() }));

export function register(app: App, services: AppServices): void {
  app.view(
    VIEW.editLead,
    viewSubmission(services, async (actor, view) => {
      const context = editContext.parse(view.private_metadata);
      const { values, draft } = readEditForm(readInputs(view.state.values));
      return saveEdit(services, actor, { ...context, values, draft });
    }, EDIT_LEAD_BLOCKS),
  );
}
