import { describe, expect, it } from 'vitest';
import { matchOwner, ownerMappingColumns, readOwnerMapping, type OwnerCandidate } from '../../src/domain/owner-directory.js';

const people: OwnerCandidate[] = [
  { userId: 'U0MEI', displayName: '梅梅', realName: '韩梅梅', email: 'meimei@example.com' },
  { userId: 'U0LEI1', displayName: 'Li Lei', realName: '李雷' },
  { userId: 'U0LEI2', displayName: 'lei', realName: '李雷', email: 'Lei.Li@Example.com' },
];

describe('who an owner cell means', () => {
  it('finds a person by id, display name, real name or email, whatever the case, width and spaces', () => {
    expect(matchOwner('U0MEI', people)).toEqual({ kind: 'matched', userId: 'U0MEI' });
    expect(matchOwner('梅梅', people)).toEqual({ kind: 'matched', userId: 'U0MEI' });
    expect(matchOwner(' 韩梅梅 ', people)).toEqual({ kind: 'matched', userId: 'U0MEI' });
    expect(matchOwner('MEIMEI@example.COM', people)).toEqual({ kind: 'matched', userId: 'U0MEI' });
    expect(matchOwner('ｌｉ  ｌｅｉ', people)).toEqual({ kind: 'matched', userId: 'U0LEI1' });
    expect(matchOwner('lei.li@example.com', people)).toEqual({ kind: 'matched', userId: 'U0LEI2' });
  });

  it('never guesses: a name two people answer to is ambiguous, one nobody answers to unmatched', () => {
    expect(matchOwner('李雷', people)).toEqual({ kind: 'ambiguous', userIds: ['U0LEI1', 'U0LEI2'] });
    expect(matchOwner('李', people)).toEqual({ kind: 'unmatched' });
    expect(matchOwner('', people)).toEqual({ kind: 'unmatched' });
    expect(matchOwner('U0NOBODY', people)).toEqual({ kind: 'unmatched' });
  });

  it('is one person when the same person answers to the cell twice', () => {
    expect(matchOwner('same', [{ userId: 'U1', displayName: 'same', realName: 'Same' }])).toEqual({ kind: 'matched', userId: 'U1' });
  });
});

describe('an owner mapping file', () => {
  it('finds its two columns under 中文 or English headers, and tells lines missing a cell', () => {
    expect(ownerMappingColumns(['姓名', 'Slack 用户'])).toEqual({ name: 0, owner: 1 });
    expect(ownerMappingColumns(['Email', 'Sheet name'])).toEqual({ name: 1, owner: 0 });
    expect(ownerMappingColumns(['a', 'b'])).toBeUndefined();
    expect(readOwnerMapping({ name: 0, owner: 1 }, [{ line: 2, cells: ['张三', 'U0ZHANG'] }, { line: 3, cells: ['李四', ' '] }])).toEqual({
      mapping: [{ name: '张三', owner: 'U0ZHANG' }],
      incomplete: [3],
    });
  });
});
