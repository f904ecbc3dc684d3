import type { KnownBlock } from '@slack/types';
import type { ProtectedAction } from '../../domain/errors.js';
import { allows, type Role } from '../../domain/roles.js';
import type { Locale, Messages } from '../../i18n/messages.js';
import { messagesFor } from '../../i18n/messages.js';
import { escapeText, stageList } from '../text.js';
import type { SlackMessage } from './message.js';

/**
 * The commands in the order help lists them, each with the action it needs (none: anyone).
 * A rep is shown what they may do on their own leads.
 */
const COMMANDS: ReadonlyArray<[keyof Messages['helpUsage'], ProtectedAction | undefined]> = [
  ['new', undefined],
  ['advance', 'advance'],
  ['lose', 'lose'],
  ['win', 'win'],
  ['show', undefined],
  ['find', undefined],
  ['note', undefined],
  ['signal', undefined],
  ['due', undefined],
  ['pool', undefined],
  ['edit', 'edit'],
  ['undo', undefined],
  ['reopen', 'reopen'],
  ['assign', 'assign'],
  ['mine', undefined],
  ['owners', undefined],
  ['funnel', undefined],
  ['overdue', undefined],
  ['goals', 'goal'],
  ['actions', undefined],
  ['channels', undefined],
  ['cost', 'cost'],
  ['import', 'import'],
  ['hygiene', undefined],
  ['audit', 'audit'],
  ['team', undefined],
  ['role', 'role'],
  ['config', 'settings'],
];

export function helpMessage(locale: Locale, role: Role, unknownWord?: string): SlackMessage {
  const t = messagesFor(locale);
  const blocks: KnownBlock[] = [];
  if (unknownWord !== undefined) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: t.unknownSubcommand(escapeText(unknownWord)) } });
  } else {
    blocks.push({ type: 'header', text: { type: 'plain_text', text: t.helpTitle } });
  }
  const lines = COMMANDS.flatMap(([command, action]) => {
    if (!action || allows(role, action, true)) return [t.helpUsage[command]];
    return command === 'goals' ? [t.helpUsage.goalsRead] : [];
  });
  blocks.push(
    { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${t.helpRole(t.roles.names[role])} ${t.helpStages(stageList(locale))}` }] },
  );
  return { text: t.helpTitle, blocks };
}
