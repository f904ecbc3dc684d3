import { describe, expect, it } from 'vitest';
import { InvalidAmount, InvalidLeadNumber, MissingArgument, UnknownStage } from '../../src/domain/errors.js';
import { NotAUser } from '../../src/slack/errors.js';
import { parseLeadCommand, USAGE } from '../../src/slack/listeners/commands/parse-lead-command.js';
import { thrownBy } from '../domain/thrown.js';

describe('parseLeadCommand: what /lead … means', () => {
  describe('help', () => {
    it.each(['', '   ', 'help', 'HELP', '帮助', 'help me please'])('%j asks for help', (text) => {
      expect(parseLeadCommand(text)).toStrictEqual({ kind: 'help' });
    });
  });

  describe('an unknown word', () => {
    it('is reported back with the word itself', () => {
      expect(parseLeadCommand('frobnicate')).toStrictEqual({ kind: 'unknown', word: 'frobnicate' });
      expect(parseLeadCommand('frobnicate 20231001')).toStrictEqual({ kind: 'unknown', word: 'frobnicate' });
      expect(parseLeadCommand('推销 20231001')).toStrictEqual({ kind: 'unknown', word: '推销' });
    });

    it('is not mistaken for a command because JavaScript objects happen to have it', () => {
      expect(parseLeadCommand('constructor')).toStrictEqual({ kind: 'unknown', word: 'constructor' });
      expect(parseLeadCommand('__proto__')).toStrictEqual({ kind: 'unknown', word: '__proto__' });
      expect(parseLeadCommand('hasOwnProperty')).toStrictEqual({ kind: 'unknown', word: 'hasOwnProperty' });
    });
  });

  describe('import, hygiene and audit', () => {
    it.each([
      ['import', 'import'],
      ['导入', 'import'],
      ['hygiene', 'hygiene'],
      ['数据质量', 'hygiene'],
      ['体检', 'hygiene'],
      ['audit', 'audit'],
      ['AUDIT', 'audit'],
      ['抽查', 'audit'],
    ])('%j is %s, whatever follows', (text, kind) => {
      expect(parseLeadCommand(text)).toStrictEqual({ kind });
      expect(parseLeadCommand(`${text} please`)).toStrictEqual({ kind });
    });
  });

  describe('find', () => {
    it.each([
      ['find 科技', '科技'],
      ['查找 某科技 有限公司', '某科技 有限公司'],
      ['搜索 acme', 'acme'],
      ['search R&amp;D Labs', 'R&D Labs'],
      ['find li.wei@acme.com', 'li.wei@acme.com'],
    ])('%j searches for %j', (text, query) => {
      expect(parseLeadCommand(text)).toStrictEqual({ kind: 'find', text: query });
    });

    it('without text shows the usage', () => {
      expect(thrownBy(() => parseLeadCommand('find  '))).toStrictEqual(new MissingArgument(USAGE.find));
    });
  });

  describe('mine and owners', () => {
    it.each(['mine', 'my', '我的', 'Mine'])('%j lists my open leads', (text) => {
      expect(parseLeadCommand(text)).toStrictEqual({ kind: 'mine' });
    });

    it.each(['owners', '负责人', 'OWNERS'])('%j shows the owners table', (text) => {
      expect(parseLeadCommand(text)).toStrictEqual({ kind: 'owners' });
    });
  });

  describe('new', () => {
    it('without a name opens an empty form', () => {
      expect(parseLeadCommand('new')).toStrictEqual({ kind: 'new' });
      expect(parseLeadCommand('新建')).toStrictEqual({ kind: 'new' });
    });

    it('with a name pre-fills it, spaces inside the name kept', () => {
      expect(parseLeadCommand('new Acme Robotics Ltd')).toStrictEqual({ kind: 'new', name: 'Acme Robotics Ltd' });
      expect(parseLeadCommand('add   Acme  ')).toStrictEqual({ kind: 'new', name: 'Acme' });
      expect(parseLeadCommand('新增 杭州某某科技有限公司')).toStrictEqual({ kind: 'new', name: '杭州某某科技有限公司' });
    });
  });

  describe('advance', () => {
    it('a rep advances lead 20231001 to its next stage', () => {
      expect(parseLeadCommand('advance 20231001')).toStrictEqual({ kind: 'advance', number: '20231001' });
      expect(parseLeadCommand('next #20231001001')).toStrictEqual({ kind: 'advance', number: '20231001001' });
    });

    it('a rep jumps a lead to Proposal, naming it in English or 中文', () => {
      expect(parseLeadCommand('advance 20231001 proposal')).toStrictEqual({ kind: 'advance', number: '20231001', stage: 'PROPOSAL' });
      expect(parseLeadCommand('推进 20231001 方案呈现')).toStrictEqual({ kind: 'advance', number: '20231001', stage: 'PROPOSAL' });
      expect(parseLeadCommand('Advance 20231001 NEGOTIATION')).toStrictEqual({ kind: 'advance', number: '20231001', stage: 'NEGOTIATION' });
    });

    it('typed entirely in full-width mode', () => {
      expect(parseLeadCommand('ａｄｖａｎｃｅ　２０２３１００１　Ｐｒｏｐｏｓａｌ')).toStrictEqual({
        kind: 'advance',
        number: '20231001',
        stage: 'PROPOSAL',
      });
    });

    it('without a number shows the usage', () => {
      const error = thrownBy(() => parseLeadCommand('advance'));
      expect(error).toBeInstanceOf(MissingArgument);
      expect(error).toMatchObject({ code: 'missing_argument', usage: USAGE.advance });
      expect(USAGE.advance).toBe('/lead advance <number> [stage]');
    });

    it('with a stage that does not exist names what was typed', () => {
      const error = thrownBy(() => parseLeadCommand('advance 20231001 closing'));
      expect(error).toBeInstanceOf(UnknownStage);
      expect(error).toMatchObject({ code: 'unknown_stage', input: 'closing' });
      expect(thrownBy(() => parseLeadCommand('推进 20231001 方案 呈现'))).toMatchObject({ input: '方案 呈现' });
    });

    it('with something that is not a lead number refuses it', () => {
      const error = thrownBy(() => parseLeadCommand('advance acme proposal'));
      expect(error).toBeInstanceOf(InvalidLeadNumber);
      expect(error).toMatchObject({ input: 'acme' });
    });
  });

  describe('lose', () => {
    it('a rep loses lead 20231001 to budget and a cheaper competitor', () => {
      const command = parseLeadCommand('lose 20231001 预算不足 budget "competitor cheaper"');
      expect(command.kind).toBe('lose');
      if (command.kind !== 'lose') return;
      expect(command.number).toBe('20231001');
      expect(command.reasons.map((reason) => reason.key)).toEqual(['budget', 'competitor_cheaper']);
    });

    it('in 中文, with 中文 quotes and separators', () => {
      const command = parseLeadCommand('流失 20231001001 “竞品低价”、决策链长，需求消失');
      expect(command).toMatchObject({ kind: 'lose', number: '20231001001' });
      if (command.kind !== 'lose') return;
      expect(command.reasons.map((reason) => reason.key)).toEqual(['competitor_cheaper', 'long_decision_chain', 'need_vanished']);
    });

    it('the lead number itself is not taken for a reason', () => {
      const command = parseLeadCommand('lost #20231001 budget');
      expect(command).toMatchObject({ kind: 'lose', number: '20231001' });
      if (command.kind !== 'lose') return;
      expect(command.reasons.map((reason) => reason.key)).toEqual(['budget']);
    });

    it('without reasons gives an empty list, for the form to ask', () => {
      expect(parseLeadCommand('lose 20231001')).toStrictEqual({ kind: 'lose', number: '20231001', reasons: [] });
    });

    it('without a number shows the usage', () => {
      const error = thrownBy(() => parseLeadCommand('lose'));
      expect(error).toBeInstanceOf(MissingArgument);
      expect(error).toMatchObject({ usage: USAGE.lose });
    });
  });

  describe('win', () => {
    it('a rep wins lead 20231001 for 12万', () => {
      expect(parseLeadCommand('win 20231001 12万')).toStrictEqual({ kind: 'win', number: '20231001', amount: '120000' });
    });

    it('with the amount written in other ways', () => {
      expect(parseLeadCommand('成交 20231001 ¥120,000')).toStrictEqual({ kind: 'win', number: '20231001', amount: '120000' });
      expect(parseLeadCommand('won 20231001 1.5 万')).toStrictEqual({ kind: 'win', number: '20231001', amount: '15000' });
      expect(parseLeadCommand('win 20231001 120k')).toStrictEqual({ kind: 'win', number: '20231001', amount: '120000' });
      expect(parseLeadCommand('win 20231001 1 200 000')).toStrictEqual({ kind: 'win', number: '20231001', amount: '1200000' });
    });

    it('without an amount', () => {
      expect(parseLeadCommand('win 20231001')).toStrictEqual({ kind: 'win', number: '20231001' });
    });

    it('with an amount that is not one refuses it', () => {
      const error = thrownBy(() => parseLeadCommand('win 20231001 lots'));
      expect(error).toBeInstanceOf(InvalidAmount);
      expect(error).toMatchObject({ input: 'lots' });
      expect(() => parseLeadCommand('win 20231001 -5')).toThrow(InvalidAmount);
    });

    it('without a number shows the usage', () => {
      expect(thrownBy(() => parseLeadCommand('win'))).toMatchObject({ code: 'missing_argument', usage: USAGE.win });
    });
  });

  describe('show', () => {
    it.each(['show 20231001', 'view 20231001', '查看 #20231001', 'SHOW ２０２３１００１'])('%j shows lead 20231001', (text) => {
      expect(parseLeadCommand(text)).toStrictEqual({ kind: 'show', number: '20231001' });
    });

    it('without a number shows the usage', () => {
      const error = thrownBy(() => parseLeadCommand('show'));
      expect(error).toBeInstanceOf(MissingArgument);
      expect(error).toMatchObject({ usage: USAGE.show });
    });
  });

  describe('assign', () => {
    it('a manager hands lead 20231001 to Mei with an escaped mention', () => {
      expect(parseLeadCommand('assign 20231001 <@U123|mei>')).toStrictEqual({ kind: 'assign', number: '20231001', userId: 'U123' });
    });

    it('with a bare mention, an enterprise user, or the 中文 words', () => {
      expect(parseLeadCommand('转交 20231001 <@U0ABC12>')).toStrictEqual({ kind: 'assign', number: '20231001', userId: 'U0ABC12' });
      expect(parseLeadCommand('分配 20231001 <@W0ABC12|li.lei>')).toStrictEqual({ kind: 'assign', number: '20231001', userId: 'W0ABC12' });
    });

    it.each(['mei', '@mei', '<#C123|general>', '<@mei>', '<!here>', '<@U123|mei>!', 'x<@U123>'])('refuses %j: not a user mention', (who) => {
      const error = thrownBy(() => parseLeadCommand(`assign 20231001 ${who}`));
      expect(error).toBeInstanceOf(NotAUser);
      expect(error).toMatchObject({ code: 'not_a_user', input: who });
    });

    it('without a person or without a number shows the usage', () => {
      for (const text of ['assign 20231001', 'assign']) {
        const error = thrownBy(() => parseLeadCommand(text));
        expect(error).toBeInstanceOf(MissingArgument);
        expect(error).toMatchObject({ usage: USAGE.assign });
      }
    });
  });
});
