import { parseAmount } from '../../../domain/amount.js';
import { MissingArgument, UnknownStage } from '../../../domain/errors.js';
import { parseLeadNumber } from '../../../domain/lead-number.js';
import { parseStage, type Stage } from '../../../domain/stages.js';
import { parseLossReasons, type NormalizedTag } from '../../../domain/tags.js';
import { NotAUser } from '../../errors.js';

/** `/lead …` as typed, parsed once at the edge into what the handlers work with. */
export type LeadCommand =
  | { kind: 'help' }
  | { kind: 'unknown'; word: string }
  | { kind: 'new'; name?: string }
  | { kind: 'advance'; number: string; stage?: Stage }
  | { kind: 'lose'; number: string; reasons: NormalizedTag[] }
  | { kind: 'win'; number: string; amount?: string }
  | { kind: 'show'; number: string }
  | { kind: 'assign'; number: string; userId: string }
  | { kind: 'mine' }
  | { kind: 'owners' }
  | { kind: 'funnel'; period?: string }
  | { kind: 'overdue' }
  | { kind: 'goal-set' }
  | { kind: 'goals' };

export const USAGE = {
  goalSet: '/lead goal set',
  advance: '/lead advance <number> [stage]',
  lose: '/lead lose <number> [reason…]',
  win: '/lead win <number> [amount]',
  show: '/lead show <number>',
  assign: '/lead assign <number> @user',
} as const;

/** Subcommand words in both languages; the English word is what help shows. */
const ALIASES: Record<string, LeadCommand['kind']> = {
  new: 'new', add: 'new', 新增: 'new', 新建: 'new',
  advance: 'advance', next: 'advance', 推进: 'advance',
  lose: 'lose', lost: 'lose', 流失: 'lose',
  win: 'win', won: 'win', 成交: 'win',
  show: 'show', view: 'show', 查看: 'show',
  assign: 'assign', 转交: 'assign', 分配: 'assign',
  mine: 'mine', my: 'mine', 我的: 'mine',
  owners: 'owners', 负责人: 'owners',
  funnel: 'funnel', 漏斗: 'funnel',
  overdue: 'overdue', 逾期: 'overdue',
  goals: 'goals', 目标: 'goals',
  goal: 'goal-set', 设定目标: 'goal-set',
  help: 'help', 帮助: 'help',
};

function requiredNumber(token: string | undefined, usage: string): string {
  if (!token) throw new MissingArgument(usage);
  return parseLeadNumber(token);
}

/** Slack escapes mentions in command text as <@U123|name> when the command asks for it. */
function parseUserMention(token: string | undefined): string {
  if (!token) throw new MissingArgument(USAGE.assign);
  const match = /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/.exec(token);
  if (!match) throw new NotAUser(token);
  return match[1]!;
}

export function parseLeadCommand(text: string): LeadCommand {
  const trimmed = text.normalize('NFKC').trim();
  if (!trimmed) return { kind: 'help' };
  const [word = '', ...rest] = trimmed.split(/\s+/);
  const kind = ALIASES[word.toLowerCase()];
  const remainder = trimmed.slice(word.length).trim();
  switch (kind) {
    case 'help':
    case 'mine':
    case 'owners':
    case 'overdue':
      return { kind };
    case 'new':
      return remainder ? { kind, name: remainder } : { kind };
    case 'advance': {
      const number = requiredNumber(rest[0], USAGE.advance);
      const stageText = rest.slice(1).join(' ');
      if (!stageText) return { kind, number };
      const stage = parseStage(stageText);
      if (!stage) throw new UnknownStage(stageText);
      return { kind, number, stage };
    }
    case 'lose': {
      const number = requiredNumber(rest[0], USAGE.lose);
      return { kind, number, reasons: parseLossReasons(remainder.slice(rest[0]!.length)) };
    }
    case 'win': {
      const number = requiredNumber(rest[0], USAGE.win);
      const amountText = rest.slice(1).join('');
      return amountText ? { kind, number, amount: parseAmount(amountText) } : { kind, number };
    }
    case 'show':
      return { kind, number: requiredNumber(rest[0], USAGE.show) };
    case 'assign':
      return { kind, number: requiredNumber(rest[0], USAGE.assign), userId: parseUserMention(rest[1]) };
    case 'funnel':
      return remainder ? { kind, period: remainder } : { kind };
    case 'goals':
      return { kind };
    case 'goal-set':
      // `/lead goal set`; `/lead goal` alone lists the goals.
      return word.toLowerCase() === 'goal' && !/^(set|new|设定)$/i.test(rest[0] ?? '') ? { kind: 'goals' } : { kind };
    default:
      return { kind: 'unknown', word };
  }
}
