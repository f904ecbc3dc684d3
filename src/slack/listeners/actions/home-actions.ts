import type { App } from '@slack/bolt';
import { z } from 'zod';
import { STAGES } from '../../../domain/stages.js';
import { funnelReport } from '../../digest-operations.js';
import { followUpModalFor } from '../../follow-up-operations.js';
import { publishHome } from '../../home.js';
import { ACTION } from '../../ids.js';
import { advanceLead, loseModalFor, showLead, winModalFor } from '../../lead-operations.js';
import { buttonAction } from '../../listen.js';
import type { AppServices } from '../../services.js';

/** What encodeHomeMenu() puts on a Home lead's menu options. */
const homeMenuValue = z
  .string()
  .transform((text) => JSON.parse(text) as unknown)
  .pipe(z.object({ a: z.enum(['followUp', 'advance', 'win', 'lose', 'show']), n: z.string().regex(/^\d+$/), s: z.enum(STAGES) }));

const pageValue = z.coerce.number().int().min(0).max(10_000);

/** The App Home's own controls: a lead's menu, the page buttons, the manager's digest button. */
export function register(app: App, services: AppServices): void {
  app.action(
    ACTION.homeLeadMenu,
    buttonAction(services, async (actor, value) => {
      const { a: action, n: number, s: stage } = homeMenuValue.parse(value);
      switch (action) {
        case 'followUp':
          return followUpModalFor(services, actor, number, stage);
        case 'advance':
          return advanceLead(services, actor, { number, expectedStage: stage });
        case 'win':
          return winModalFor(services, actor, number, stage);
        case 'lose':
          return loseModalFor(services, actor, number, stage);
        case 'show':
          return showLead(services, actor, number);
      }
    }),
  );
  app.action(
    new RegExp(`^${ACTION.homePage}_`),
    buttonAction(services, async (actor, value) => {
      await publishHome(services, actor, pageValue.parse(value));
      return { kind: 'none' };
    }),
  );
  app.action(
    ACTION.homeWeeklyDigest,
    buttonAction(services, (actor) => funnelReport(services, actor, 'this-week')),
  );
}
