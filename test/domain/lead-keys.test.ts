import { describe, expect, it } from 'vitest';
import { companyNameKey, emailKey, leadKeys, phoneKey, searchQuery } from '../../src/domain/lead-keys.js';

describe('company names as one key', () => {
  it.each([
    ['某科技', '某科技有限公司'],
    ['某科技', '某科技股份有限公司'],
    ['星河教育', '星河教育集团'],
    ['星河教育', '星河 教育 集团股份有限公司'],
    ['follow up ltd.', 'Follow Up Ltd'],
    ['Follow Up', 'FOLLOW-UP Co., Ltd.'],
    ['Acme', 'Acme, Inc.'],
    ['Müller', 'Müller GmbH'],
    ['ＡＣＭＥ　Ｒｏｂｏｔｉｃｓ', 'acme robotics'],
    ['某科技', '某科技有限责任公司'],
  ])('%s and %s are the same company', (a, b) => {
    expect(companyNameKey(a)).toBeDefined();
    expect(companyNameKey(a)).toBe(companyNameKey(b));
  });

  it.each([
    ['Acme Robotics', 'Acme Robotics Labs'],
    ['Tag', 'T'],
    ['某科技', '某科'],
    ['星河教育', '星河科技'],
  ])('%s and %s are not', (a, b) => {
    expect(companyNameKey(a)).not.toBe(companyNameKey(b));
  });

  it('keeps a name that is only legal words, and has no key for punctuation', () => {
    expect(companyNameKey('Group Ltd')).toBe('group');
    expect(companyNameKey('有限公司')).toBe('有限');
    expect(companyNameKey('—!')).toBeUndefined();
  });
});

describe('contacts as keys', () => {
  it('folds emails', () => {
    expect(emailKey('  Li.Wei@Example.COM ')).toBe('li.wei@example.com');
    expect(emailKey('ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('li@example.com');
  });

  it.each([
    ['+86 138-0013-8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['(010) 6552-1234', '01065521234'],
    ['010 6552 1234 转 8', '01065521234'],
    ['+1 415 555 0100', '14155550100'],
    ['１３８００１３８０００', '13800138000'],
  ])('%s is %s', (written, key) => {
    expect(phoneKey(written)).toBe(key);
  });
});

describe('search tokens', () => {
  it('splits CJK into pairs and keeps words and digits', () => {
    expect(leadKeys({ name: '某科技有限公司', campaign: 'Douyin Q4 抖音', contactEmail: 'Li@Acme.com', contactPhone: '+86 138 0013 8000' })).toEqual({
      nameKey: '某科技',
      emailKey: 'li@acme.com',
      phoneKey: '13800138000',
      searchText: '某科 科技 技有 有限 限公 公司 douyin q4 抖音 li acme com 13800138000 liacmecom',
    });
  });

  it('reads a query as phrases of pairs and word prefixes', () => {
    expect(searchQuery('科技').groups).toEqual([{ tokens: ['科技'], prefix: false }]);
    expect(searchQuery('某科技').groups).toEqual([{ tokens: ['某科', '科技'], prefix: false }]);
    expect(searchQuery('科').groups).toEqual([{ tokens: ['科'], prefix: true }]);
    expect(searchQuery('Acme 机器人').groups).toEqual([{ tokens: ['acme'], prefix: true }, { tokens: ['机器', '器人'], prefix: false }]);
  });

  it('knows a number, an email and a phone when it sees one', () => {
    expect(searchQuery('2023100')).toMatchObject({ digits: '2023100', phoneKey: '2023100' });
    expect(searchQuery('li@acme.com')).toMatchObject({ emailKey: 'li@acme.com', groups: [{ tokens: ['liacmecom'], prefix: true }] });
    expect(searchQuery('Li.Wei@Acm').groups).toEqual([{ tokens: ['liweiacm'], prefix: true }]);
    expect(searchQuery('+86 138 0013 8000')).toMatchObject({ phoneKey: '13800138000' });
    expect(searchQuery('acme')).not.toHaveProperty('digits');
    expect(searchQuery('acme')).not.toHaveProperty('phoneKey');
  });
});
