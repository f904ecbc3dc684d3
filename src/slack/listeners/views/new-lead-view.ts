import type { App } from '@slack/bolt';
import { NEW_LEAD_BLOCKS } from '../../blocks/modals.js';
import { FIELD, VIEW } from '../../ids.js';
import { addLead } from '../../lead-operations.js';
import { viewSubmission } from '../../listen.js';
import type { AppServices } from '../../services.js';
import { readInputs, textOf } from './view-state.js';

export function register(app: App, services: AppServices): void {
  app.view(
    VIEW.newLead,
    viewSubmission(services, async (actor, view) => {
      const input = readInputs(view.state.values);
      const pickedAcquiredAt = input(FIELD.acquiredAt)?.selected_date_time;
      const message = await addLead(services, actor, {
        name: input(FIELD.name)?.value,
        sourceChannel: textOf(input(FIELD.sourceChannel)),
        campaign: textOf(input(FIELD.campaign)),
        contentAsset: textOf(input(FIELD.contentAsset)),
        customerType: input(FIELD.customerType)?.selected_option?.value,
        industry: textOf(input(FIELD.industry)),
        ownerId: input(FIELD.owner)?.selected_user,
        acquiredAt: pickedAcquiredAt ? new Date(pickedAcquiredAt * 1000) : undefined,
        nextFollowUpDay: input(FIELD.nextFollowUp)?.selected_date,
        notes: textOf(input(FIELD.notes)),
      });
      return { kind: 'done', message };
    }, NEW_LEAD_BLOCKS),
  );
}
