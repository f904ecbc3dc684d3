import type { App } from '@slack/bolt';
import { z } from 'zod';
import { STAGES } from '../../../domain/stages.js';
import { ACTION } from '../../ids.js';
import { advanceLead, editModalFor, loseModalFor, reopenLead, winModalFor } from '../../lead-operations.js';
import { followUpModalFor, loseForNoResponse } from '../../follow-up-operations.js';
import { buttonAction } from '../../listen.js';
import type { AppServices } from '../../services.js';

/** The value encodeCardAction() puts on a card's buttons. */
const cardActionValue = z
  .string()
  .transform((text) => JSON.parse(text) as unknown)
  .pipe(z.object({ n: z.string().regex(/^\d+$/), s: z.enum(STAGES) }))
  .transform(({ n, s }) => ({ number: n, stage: s }));

export function register(app: App, services: AppServices): void {
  app.action(
    ACTION.advance,
    buttonAction(services, (actor, value) => {
      const { number, stage } = cardActionValue.parse(value);
      return advanceLead(services, actor, { number, expectedStage: stage });
    }),
  );
  app.action(
    ACTION.openLose,
    buttonAction(services, (actor, value) => {
      const { number, stage } = cardActionValue.parse(value);
      return loseModalFor(services, actor, number, stage);
    }),
  );
  app.action(
    ACTION.openWin,
    buttonAction(services, (actor, value) => {
      const { number, stage } = cardActionValue.parse(value);
      return winModalFor(services, actor, number, stage);
    }),
  );
  app.action(
    ACTION.openEdit,
    buttonAction(services, (actor, value) => editModalFor(services, actor, cardActionValue.parse(value).number)),
  );
  app.action(
    ACTION.reopen,
    buttonAction(services, (actor, value) => reopenLead(services, actor, cardActionValue.parse(value).number)),
  );
  app.action(
    ACTION.openFollowUp,
    buttonAction(services, (actor, value) => {
      const { number, stage } = cardActionValue.parse(value);
      return followUpModalFor(services, actor, number, stage);
    }),
  );
  app.action(
    ACTION.loseNoResponse,
    buttonAction(services, (actor, value) => {
      const { number, stage } = cardActionValue.parse(value);
      return loseForNoResponse(services, actor, number, stage);
    }),
  );
}
