import type { App } from '@slack/bolt';
import { z } from 'zod';
import { NEW_LEAD_BLOCKS, type NewLeadFormValues } from '../../blocks/modals.js';
import { FIELD, VIEW } from '../../ids.js';
import { submitNewLead } from '../../lead-operations.js';
import { viewSubmission } from '../../listen.js';
import type { AppServices } from '../../services.js';
import { readInputs, textOf } from './view-state.js';

/** What the new-lead form carries: where to answer, and the leads a warning already named. */
const newLeadContext = z
  .string()
  .transform((text) => JSON.parse(text || '{}') as unknown)
  .pipe(z.object({ channelId: z.string().optional(), warned: z.array(z.string().regex(/^\d+$/)).max(20).optional() }));

export function register(app: App, services: AppServices): void {
  app.view(
    VIEW.newLead,
    viewSubmission(services, async (actor, view) => {
      const context = newLeadContext.parse(view.private_metadata);
      const input = readInputs(view.state.values);
      const values: NewLeadFormValues = {
        name: input(FIELD.name)?.value ?? undefined,
        sourceChannel: textOf(input(FIELD.sourceChannel)),
        campaign: textOf(input(FIELD.campaign)),
        contentAsset: textOf(input(FIELD.contentAsset)),
        customerType: input(FIELD.customerType)?.selected_option?.value,
        industry: textOf(input(FIELD.industry)),
        contactEmail: textOf(input(FIELD.contactEmail)),
        contactPhone: textOf(input(FIELD.contactPhone)),
        ownerId: input(FIELD.owner)?.selected_user ?? undefined,
        acquiredAt: input(FIELD.acquiredAt)?.selected_date_time ?? undefined,
        nextFollowUpDay: input(FIELD.nextFollowUp)?.selected_date ?? undefined,
        notes: textOf(input(FIELD.notes)),
      };
      return submitNewLead(services, actor, {
        channelId: context.channelId,
        warned: context.warned ?? [],
        values,
        draft: {
          ...values,
          acquiredAt: values.acquiredAt !== undefined ? new Date(values.acquiredAt * 1000) : undefined,
        },
      });
    }, NEW_LEAD_BLOCKS),
  );
}
