import type { App } from '@slack/bolt';
import { parseAmount } from '../../../domain/amount.js';
import { InvalidAmount } from '../../../domain/errors.js';
import type { FieldName } from '../../../domain/fields.js';
import { parseLossReasonList } from '../../../domain/tags.js';
import { amountFieldProblem } from '../../errors.js';
import { FIELD, VIEW } from '../../ids.js';
import { loseLead, winLead } from '../../lead-operations.js';
import { viewSubmission } from '../../listen.js';
import type { AppServices } from '../../services.js';
import { modalContext, readInputs, textOf } from './view-state.js';

const LOSE_LEAD_BLOCKS: Partial<Record<FieldName, string>> = {
  lossReasonChoice: FIELD.knownReasons,
  lossReason: FIELD.newReason,
  changeNote: FIELD.note,
};

/** The loss and win modals: the lead and the stage the person saw travel in private_metadata. */
export function register(app: App, services: AppServices): void {
  app.view(
    VIEW.loseLead,
    viewSubmission(
      services,
      async (actor, view) => {
        const context = modalContext.parse(view.private_metadata);
        const input = readInputs(view.state.values);
        const message = await loseLead(services, actor, {
          number: context.number ?? '',
          pickedKeys: (input(FIELD.knownReasons)?.selected_options ?? []).map((option) => option.value),
          reasons: parseLossReasonList(textOf(input(FIELD.newReason)) ?? ''),
          expectedStage: context.stage,
          note: textOf(input(FIELD.note)),
        });
        return { kind: 'done', message };
      },
      LOSE_LEAD_BLOCKS,
    ),
  );

  app.view(
    VIEW.winLead,
    viewSubmission(services, async (actor, view) => {
      const context = modalContext.parse(view.private_metadata);
      const input = readInputs(view.state.values);
      const amountText = textOf(input(FIELD.amount));
      let amount: string | undefined;
      try {
        amount = amountText ? parseAmount(amountText) : undefined;
      } catch (error) {
        if (error instanceof InvalidAmount) return { kind: 'errors', errors: { [FIELD.amount]: amountFieldProblem(error, actor.locale, actor.t.modal.amountInvalid) } };
        throw error;
      }
      const message = await winLead(services, actor, {
        number: context.number ?? '',
        amount,
        expectedStage: context.stage,
        note: textOf(input(FIELD.note)),
      });
      return { kind: 'done', message };
    }, { changeNote: FIELD.note }),
  );
}
