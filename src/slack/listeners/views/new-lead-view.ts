import type { App } from '@slack/bolt';
import { teamDayFromIso, startOfTeamDay } from '../../../domain/team-time.js';
import type { NewLead } from '../../../store/leads.js';
import { FIELD, VIEW } from '../../ids.js';
import { addLead } from '../../lead-operations.js';
import { viewSubmission } from '../../listen.js';
import type { AppServices } from '../../services.js';
import { readInputs, textOf } from './view-state.js';

/** A clock a minute ahead of ours is still "now", not the future. */
const CLOCK_SKEW_MS = 60_000;

export function register(app: App, services: AppServices): void {
  app.view(
    VIEW.newLead,
    viewSubmission(services, async (actor, view) => {
      const input = readInputs(view.state.values);
      const m = actor.t.modal;
      const now = services.now();
      const errors: Record<string, string> = {};

      const name = textOf(input(FIELD.name));
      if (!name) errors[FIELD.name] = m.nameRequired;
      else if (name.length > 200) errors[FIELD.name] = m.nameTooLong;

      const pickedAcquiredAt = input(FIELD.acquiredAt)?.selected_date_time;
      const acquiredAt = pickedAcquiredAt ? new Date(pickedAcquiredAt * 1000) : now;
      if (acquiredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) errors[FIELD.acquiredAt] = m.acquiredInFuture;

      const pickedFollowUp = input(FIELD.nextFollowUp)?.selected_date;
      const nextFollowUpAt = pickedFollowUp ? teamDayFromIso(pickedFollowUp, actor.workspace.timeZone) : undefined;
      if (pickedFollowUp && (!nextFollowUpAt || nextFollowUpAt < startOfTeamDay(now, actor.workspace.timeZone))) {
        errors[FIELD.nextFollowUp] = m.followUpInPast;
      }

      const customerType = input(FIELD.customerType)?.selected_option?.value;
      if (Object.keys(errors).length > 0 || !name) return { kind: 'errors', errors };

      const lead: NewLead = {
        name,
        sourceChannel: textOf(input(FIELD.sourceChannel)),
        campaign: textOf(input(FIELD.campaign)),
        contentAsset: textOf(input(FIELD.contentAsset)),
        customerType: customerType === 'ENTERPRISE' || customerType === 'INDIVIDUAL' ? customerType : undefined,
        industry: textOf(input(FIELD.industry)),
        ownerId: input(FIELD.owner)?.selected_user ?? actor.userId,
        acquiredAt,
        nextFollowUpAt,
        notes: textOf(input(FIELD.notes)),
      };
      return { kind: 'done', message: await addLead(services, actor, lead) };
    }),
  );
}
