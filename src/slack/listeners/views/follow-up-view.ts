import type { App } from '@slack/bolt';
import { FOLLOW_UP_BLOCKS } from '../../blocks/modals.js';
import { logFollowUp } from '../../follow-up-operations.js';
import { FIELD, VIEW } from '../../ids.js';
import { viewSubmission } from '../../listen.js';
import type { AppServices } from '../../services.js';
import { modalContext, readInputs, textOf } from './view-state.js';

/** "Log follow-up": the lead travels in private_metadata; a refused field is shown beside its input. */
export function register(app: App, services: AppServices): void {
  app.view(
    VIEW.logFollowUp,
    viewSubmission(
      services,
      async (actor, view) => {
        const context = modalContext.parse(view.private_metadata);
        const input = readInputs(view.state.values);
        const message = await logFollowUp(services, actor, context.number ?? '', {
          note: textOf(input(FIELD.followUpNote)),
          outcome: input(FIELD.followUpOutcome)?.selected_option?.value,
          nextIsoDay: input(FIELD.nextFollowUp)?.selected_date,
        });
        return { kind: 'done', message };
      },
      FOLLOW_UP_BLOCKS,
    ),
  );
}
