import { parseAmount } from '../../../domain/amount.js';
import { MissingArgument, UnknownSignal, UnknownStage } from '../../../domain/errors.js';
import { parseLeadNumber } from '../../../domain/lead-number.js';
import { parseRole, type Role } from '../../../domain/roles.js';
import { parseSignalKind, type SignalKind } from '../../../domain/scoring.js';
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
  | { kind: 'find'; text: string }
  | { kind: 'assign'; number: string; userId: string }
  | { kind: 'mine' }
  | { kind: 'owners' }
  | { kind: 'funnel'; period?: string }
  | { kind: 'overdue' }
  | { kind: 'goal-set' }
  | { kind: 'goals' }
  | { kind: 'edit'; number: string }
  | { kind: 'undo'; number: string }
  | { kind: 'reopen'; number: string; stage?: Stage }
  | { kind: 'role'; userId: string; role: Role }
  | { kind: 'team' }
  | { kind: 'note'; number: string; note: string; next?: string }
  | { kind: 'signal'; number: string; signal: SignalKind }
  | { kind: 'due' }
  | { kind: 'pool' }
  | { kind: 'claim'; number: string }
  | { kind: 'release'; number: string }
  | { kind: 'config' }
  | { kind: 'action-new' }
  | { kind: 'actions' }

  /** The words after `cost`: read with the team's clock and zone (src/domain/costs.ts); none opens the form. */
  | { kind: 'cost'; text?: string }
  | { kind: 'channels'; text?: string }
  | { kind: 'import' }
  | { kind: 'hygiene' }
  | { kind: 'audit' };

export const USAGE = {
  goalSet: '/lead goal set',
  advance: '/lead advance <number> [stage]',
  lose: '/lead lose <number> [reason…]',
  win: '/lead win <number> [amount]',
  show: '/lead show <number>',
  find: '/lead find <text>',
  assign: '/lead assign <number> @user',
  edit: '/lead edit <number>',
  undo: '/lead undo <number>',
  reopen: '/lead reopen <number> [stage]',
  role: '/lead role @user rep|manager|admin',
  note: '/lead note <number> <what happened> [next:<when>]',
  signal: '/lead signal <number> webinar|whitepaper|pricing|demo',
  claim: '/lead claim <number>',
  release: '/lead release <number>',
} as const;

/** Subcommand words in both languages; the English word is what help shows. */
const ALIASES: Record<string, LeadCommand['kind']> = {
  new: 'new', add: 'new', 新增: 'new', 新建: 'new',
  advance: 'advance', next: 'advance', 推进: 'advance',
  lose: 'lose', lost: 'lose', 流失: 'lose',
  win: 'win', won: 'win', 成交: 'win',
  show: 'show', view: 'show', 查看: 'show',
  find: 'find', search: 'find', 查找: 'find', 搜索: 'find', 找: 'find',
  assign: 'assign', 转交: 'assign', 分配: 'assign',
  mine: 'mine', my: 'mine', 我的: 'mine',
  owners: 'owners', 负责人: 'owners',
  funnel: 'funnel', 漏斗: 'funnel',
  overdue: 'overdue', 逾期: 'overdue',
  goals: 'goals', 目标: 'goals',
  goal: 'goal-set', 设定目标: 'goal-set',
  help: 'help', 帮助: 'help',
  edit: 'edit', 编辑: 'edit', 修改: 'edit',
  undo: 'undo', 撤销: 'undo',
  reopen: 'reopen', 重新打开: 'reopen', 重开: 'reopen',
  role: 'role', 角色: 'role',
  team: 'team', 团队: 'team',
  note: 'note', 跟进: 'note', 记录: 'note',
  signal: 'signal', 信号: 'signal', 购买信号: 'signal',
  due: 'due', 待办: 'due', 到期: 'due',
  pool: 'pool', 公海: 'pool',
  claim: 'claim', 领取: 'claim', 认领: 'claim',
  release: 'release', 释放: 'release', 放回公海: 'release',
  config: 'config', settings: 'config', 设置: 'config', 配置: 'config',
  action: 'actions', actions: 'actions', 行动项: 'actions', 行动: 'actions',
  cost: 'cost', costs: 'cost', spend: 'cost', 花费: 'cost', 成本: 'cost', 费用: 'cost',
  channels: 'channels', roi: 'channels', 渠道: 'channels', 渠道效果: 'channels',
  import: 'import', 导入: 'import',
  hygiene: 'hygiene', 数据质量: 'hygiene', 体检: 'hygiene',
  audit: 'audit', 抽查: 'audit',
};

/** Slack sends a command's text with &, < and > as entities; a note keeps what the person typed. */
function typedText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * `<text> [next:<when>]`: the note, and the day written after the last `next:` (or 下次:),
 * to the end, so that `next:next monday` and `next: 3 天后` both read whole.
 */
function noteAndNext(text: string): { note: string; next?: string } {
  const marker = /(?:^|\s)(?:next|下次)\s*[:：]/giu;
  let last: RegExpExecArray | undefined;
  for (let match = marker.exec(text); match; match = marker.exec(text)) last = match;
  if (!last) return { note: text.trim() };
  return { note: text.slice(0, last.index).trim(), next: text.slice(last.index + last[0].length).trim() };
}

function requiredNumber(token: string | undefined, usage: string): string {
  if (!token) throw new MissingArgument(usage);
  return parseLeadNumber(token);
}

/** `<number> [stage]`: a lead and, if named, the stage to take it to (in either language). */
function numberAndStage(words: string[], usage: string): { number: string; stage?: Stage } {
  const number = requiredNumber(words[0], usage);
  const stageText = words.slice(1).join(' ');
  if (!stageText) return { number };
  const stage = parseStage(stageText);
  if (!stage) throw new UnknownStage(stageText);
  return { number, stage };
}

/** Slack escapes mentions in command text as <@U123|name> when the command asks for it. */
function parseUserMention(token: string | undefined, usage: string = USAGE.assign): string {
  if (!token) throw new MissingArgument(usage);
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
    case 'advance':
    case 'reopen':
      return { kind, ...numberAndStage(rest, USAGE[kind]) };
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
    case 'find':
      if (!remainder) throw new MissingArgument(USAGE.find);
      return { kind, text: typedText(remainder) };
    case 'assign':
      return { kind, number: requiredNumber(rest[0], USAGE.assign), userId: parseUserMention(rest[1]) };
    case 'funnel':
      return remainder ? { kind, period: remainder } : { kind };
    case 'cost':
    case 'channels':
      return remainder ? { kind, text: typedText(remainder) } : { kind };
    case 'goals':
    case 'team':
    case 'due':
    case 'pool':
    case 'config':
    case 'import':
    case 'hygiene':
    case 'audit':
      return { kind };
    case 'note': {
      const number = requiredNumber(rest[0], USAGE.note);
      // The note as typed, not NFKC-folded: 中文 punctuation stays full-width.
      const typed = text.trim().replace(/^\S+\s+\S+/u, '');
      const { note, next } = noteAndNext(typedText(typed));
      if (!note) throw new MissingArgument(USAGE.note);
      return next !== undefined ? { kind, number, note, next } : { kind, number, note };
    }
    case 'signal': {
      const number = requiredNumber(rest[0], USAGE.signal);
      const written = rest.slice(1).join(' ');
      if (!written) throw new MissingArgument(USAGE.signal);
      const signal = parseSignalKind(written);
      if (!signal) throw new UnknownSignal(typedText(written));
      return { kind, number, signal };
    }
    case 'edit':
    case 'undo':
    case 'claim':
    case 'release':
      return { kind, number: requiredNumber(rest[0], USAGE[kind]) };
    case 'role': {
      const userId = parseUserMention(rest[0], USAGE.role);
      const role = rest[1] ? parseRole(rest[1]) : undefined;
      if (!role) throw new MissingArgument(USAGE.role);
      return { kind, userId, role };
    }
    case 'actions':
      // `/lead action new` opens the form; `/lead actions` (or `/lead action`) lists them.
      return /^(new|add|新建|新增)$/i.test(rest[0] ?? '') ? { kind: 'action-new' } : { kind };
    case 'goal-set':
      // `/lead goal set`; `/lead goal` alone lists the goals.
      return word.toLowerCase() === 'goal' && !/^(set|new|设定)$/i.test(rest[0] ?? '') ? { kind: 'goals' } : { kind };
    default:
      return { kind: 'unknown', word };
  }
}
