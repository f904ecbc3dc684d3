import type { App } from '@slack/bolt';
import { parseAmount } from '../../../domain/amount.js';
import { InvalidAmount } from '../../../domain/errors.js';
import { normalizeLossReason, uniqueTags } from '../../../domain/tags.js';
import { FIELD, VIEW } from '../../ids.js';
import { loseLead, winLead } from '../../lead-operations.js';
import { viewSubmission } from '../../listen.js';
import type { AppServices } from '../../services.js';
import { modalContext, readInputs, textOf } from './view-state.js';

/** The loss and win modals: the lead and the stage the person saw travel in private_metadata. */
export function register(app: App, services: AppServices): void {
  app.view(
    VIEW.loseLead,
    viewSubmission(services, async (actor, view) => {
      const context = modalContext.parse(view.private_metadata);
      const input = readInputs(view.state.values);
      const picked = (input(FIELD.knownReasons)?.selected_options ?? []).map((option) => normalizeLossReason(option.value));
      const written = parseLossReasonsList(textOf(input(FIELD.newReason)));
      const reasons = uniqueTags([...picked, ...written]);
      if (reasons.length === 0) return { kind: 'errors', errors: { [FIELD.newReason]: actor.t.modal.reasonRequired } };
      const message = await loseLead(services, actor, {
        number: context.number ?? '',
        reasons,
        expectedStage: context.stage,
        note: textOf(input(FIELD.note)),
      });
      return { kind: 'done', message };
    }),
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
        if (error instanceof InvalidAmount) return { kind: 'errors', errors: { [FIELD.amount]: actor.t.modal.amountInvalid } };
        throw error;
      }
      const message = await winLead(services, actor, {
        number: context.number ?? '',
        amount,
        expectedStage: context.stage,
        note: textOf(input(FIELD.note)),
      });
      return { kind: 'done', message };
    }),
  );
}

/** The free-text reason box: commas separate reasons, spaces do not. */
function parseLossReasonsList(text: string | undefined) {
  return text ? text.split(/[,，、;；\n]/).map(normalizeLossReason) : [];
}
