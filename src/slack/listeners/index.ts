import type { App } from '@slack/bolt';
import type { AppServices } from '../services.js';
import * as actionItemActions from './actions/action-item-actions.js';
import * as costActions from './actions/cost-actions.js';
import * as findingActions from './actions/finding-actions.js';
import * as goalActions from './actions/goal-actions.js';
import * as homeActions from './actions/home-actions.js';
import * as leadCardActions from './actions/lead-card-actions.js';
import * as leadCommand from './commands/lead-command.js';
import * as appHomeOpened from './events/app-home-opened.js';
import * as leadFromMessage from './shortcuts/lead-from-message.js';
import { SHORTCUT } from '../ids.js';
import * as actionItemViews from './views/action-item-views.js';
import * as closeLeadViews from './views/close-lead-views.js';
import * as editLeadView from './views/edit-lead-view.js';
import * as findingView from './views/finding-view.js';
import * as followUpView from './views/follow-up-view.js';
import * as goalView from './views/goal-view.js';
import * as newLeadView from './views/new-lead-view.js';
import * as settingsView from './views/settings-view.js';
import * as costView from './views/cost-view.js';
import * as importView from './views/import-view.js';

/** What the Slack app manifest must declare for these listeners to be reached. */
export const SLASH_COMMANDS = [leadCommand.LEAD_COMMAND] as const;
export const BOT_EVENTS = [appHomeOpened.EVENT] as const;
export const MESSAGE_SHORTCUTS = [SHORTCUT.leadFromMessage] as const;

export function registerListeners(app: App, services: AppServices): void {
  for (const listener of [leadCommand, leadCardActions, homeActions, goalActions, findingActions, newLeadView, closeLeadViews, editLeadView, followUpView, goalView, findingView, settingsView, actionItemActions, actionItemViews, costActions, costView, importView, appHomeOpened, leadFromMessage]) {
    listener.register(app, services);
  }
}
