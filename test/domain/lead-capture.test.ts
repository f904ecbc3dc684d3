import { describe, expect, it } from 'vitest';
import { capturedNotes, contactsInText } from '../../src/domain/lead-capture.js';
import { FIELD_LIMITS } from '../../src/domain/fields.js';

describe('the contact a customer message gives', () => {
  it('takes the first email and the first phone, as written', () => {
    expect(contactsInText('Hi, Li Wei from Acme (li.wei@acme.com, or ops@acme.com). Call +86 138-0013-8000 or 010 6552 1234.')).toEqual({
      email: 'li.wei@acme.com',
      phone: '+86 138-0013-8000',
    });
  });

  it('finds them inside Chinese written without spaces', () => {
    expect(contactsInText('您好，我是星河教育的王经理，邮箱wang@xinghe.cn谢谢，电话13800138000，周五前回复')).toEqual({
      email: 'wang@xinghe.cn',
      phone: '13800138000',
    });
  });

  it('reads full-width digits as digits', () => {
    expect(contactsInText('电话：１３８００１３８０００').phone).toBe('13800138000');
  });

  it.each([
    ['a date', 'we meet 2026-12-02 at 10:30'],
    ['a compact date', 'order of 20261202'],
    ['a lead number', 'see lead 20231001001'],
    ['a price', 'budget 120,000 CNY, 12.5% off'],
    ['a short count', '3 - 4 people'],
    ['digits glued to a word', 'ticket INC1380013800'],
  ])('is not fooled by %s', (_what, text) => {
    expect(contactsInText(text).phone).toBeUndefined();
  });

  it('does not take an email’s digits for a phone, and has none where there are none', () => {
    expect(contactsInText('write to sales.13800138000@acme.com')).toEqual({ email: 'sales.13800138000@acme.com' });
    expect(contactsInText('thanks, talk soon')).toEqual({});
  });

  it('keeps dotted and bracketed phones, and the extension people write', () => {
    expect(contactsInText('US office: (415) 555-0100.').phone).toBe('(415) 555-0100');
    expect(contactsInText('landline 010-6552-1234 转 8 please').phone).toBe('010-6552-1234');
    expect(contactsInText('tel 0086 13800138000').phone).toBe('0086 13800138000');
  });
});

describe('the notes of a captured lead', () => {
  const link = 'https://acme.slack.com/archives/C0SALES/p1700000000000100';

  it('are the message, then the link to it', () => {
    expect(capturedNotes('  Met at the fair.  ', link)).toBe(`Met at the fair.\n\n${link}`);
    expect(capturedNotes('Met at the fair.')).toBe('Met at the fair.');
    expect(capturedNotes('', link)).toBe(link);
  });

  it('fit the notes field with the link kept whole, counting 中文 as one character each', () => {
    const notes = capturedNotes('线'.repeat(5000), link);
    expect([...notes].length).toBe(FIELD_LIMITS.leadNotes);
    expect(notes.endsWith(`…\n\n${link}`)).toBe(true);
    expect(capturedNotes('x'.repeat(FIELD_LIMITS.leadNotes))).toBe('x'.repeat(FIELD_LIMITS.leadNotes));
    expect(capturedNotes('x'.repeat(FIELD_LIMITS.leadNotes + 1))).toBe(`${'x'.repeat(FIELD_LIMITS.leadNotes - 1)}…`);
  });
});
