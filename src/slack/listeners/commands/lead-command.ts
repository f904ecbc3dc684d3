import type { App } from '@slack/bolt';
import { helpMessage } from '../../blocks/help.js';
import { funnelReport, overdueReport } from '../../digest-operations.js';
import { goalModalFor, listGoals } from '../../goal-operations.js';
import {
  advanceLead,
  assignLead,
  editModalFor,
  findLeads,
  reopenLead,
  undoLead,
  leadOwners,
  loseLead,
  loseModalFor,
  myLeads,
  newLeadModalFor,
  showLead,
  winLead,
} from '../../lead-operations.js';
import { dueList, logFollowUp } from '../../follow-up-operations.js';
import { claimLead, releaseLead, showPool } from '../../pool-operations.js';
import { reply, slashCommand } from '../../listen.js';
import { recordSignal } from '../../scoring-operations.js';
import { settingsModalFor } from '../../settings-operations.js';
import { actionItemModalFor, listActionItems } from '../../action-operations.js';
import { channelsReport, costCommand } from '../../cost-operations.js';
import { giveRole, showTeam } from '../../team-operations.js';
import { importModalFor } from '../../import-operations.js';
import { showAudit, showHygiene } from '../../hygiene-operations.js';
import type { AppServices } from '../../services.js';
import { parseLeadCommand } from './parse-lead-command.js';

export const LEAD_COMMAND = '/lead';

export function register(app: App, services: AppServices): void {
  app.command(
    LEAD_COMMAND,
    slashCommand(services, async (actor, text) => {
      const command = parseLeadCommand(text);
      switch (command.kind) {
        case 'help':
          return reply(helpMessage(actor.locale, actor.role));
        case 'unknown':
          return reply(helpMessage(actor.locale, actor.role, command.word));
        case 'new':
          return newLeadModalFor(actor, command.name);
        case 'advance':
          return advanceLead(services, actor, { number: command.number, stage: command.stage });
        case 'lose':
          return command.reasons.length > 0
            ? reply(await loseLead(services, actor, { number: command.number, reasons: command.reasons }))
            : loseModalFor(services, actor, command.number);
        case 'win':
          return reply(await winLead(services, actor, { number: command.number, amount: command.amount }));
        case 'show':
          return showLead(services, actor, command.number);
        case 'find':
          return findLeads(services, actor, command.text);
        case 'assign':
          return assignLead(services, actor, command.number, command.userId);
        case 'mine':
          return myLeads(services, actor);
        case 'owners':
          return leadOwners(services, actor);
        case 'funnel':
          return funnelReport(services, actor, command.period);
        case 'overdue':
          return overdueReport(services, actor);
        case 'goal-set':
          return goalModalFor(services, actor);
        case 'goals':
          return listGoals(services, actor);
        case 'edit':
          return editModalFor(services, actor, command.number);
        case 'undo':
          return undoLead(services, actor, command.number);
        case 'reopen':
          return reopenLead(services, actor, command.number, command.stage);
        case 'role':
          return giveRole(services, actor, command.userId, command.role);
        case 'team':
          return showTeam(services, actor);
        case 'note':
          return reply(await logFollowUp(services, actor, command.number, { note: command.note, next: command.next ?? null }));
        case 'signal':
          return reply(await recordSignal(services, actor, command.number, command.signal));
        case 'due':
          return dueList(services, actor);
        case 'pool':
          return showPool(services, actor);
        case 'claim':
          return claimLead(services, actor, command.number);
        case 'release':
          return releaseLead(services, actor, command.number);
        case 'config':
          return settingsModalFor(services, actor);
        case 'action-new':
          return actionItemModalFor(services, actor);
        case 'actions':
          return listActionItems(services, actor);
        case 'cost':
          return costCommand(services, actor, command.text);
        case 'channels':
          return channelsReport(services, actor, command.text);
        case 'import':
          return importModalFor(actor);
        case 'hygiene':
          return showHygiene(services, actor);
        case 'audit':
          return showAudit(services, actor);
      }
    }),
  );
}
