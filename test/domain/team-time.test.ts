import { describe, expect, it } from 'vitest';
import { startOfTeamDay, teamDayFromIso } from '../../src/domain/team-time.js';

describe('startOfTeamDay: follow-ups are due on the team’s days', () => {
  it('at 01:00 on 1 October in Shanghai, the team’s day began at 16:00 UTC on 30 September', () => {
    expect(startOfTeamDay(new Date('2023-09-30T17:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2023-09-30T16:00:00.000Z');
  });

  it('a minute before Shanghai midnight it is still the previous day', () => {
    expect(startOfTeamDay(new Date('2023-09-30T15:59:00Z'), 'Asia/Shanghai').toISOString()).toBe('2023-09-29T16:00:00.000Z');
  });

  it('exactly at midnight the day starts now', () => {
    expect(startOfTeamDay(new Date('2023-09-30T16:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2023-09-30T16:00:00.000Z');
  });

  it('the same instant is a different day for a UTC team', () => {
    expect(startOfTeamDay(new Date('2023-09-30T17:00:00Z'), 'UTC').toISOString()).toBe('2023-09-30T00:00:00.000Z');
  });

  it('follows daylight saving time where the team has it', () => {
    expect(startOfTeamDay(new Date('2023-07-01T12:00:00Z'), 'America/New_York').toISOString()).toBe('2023-07-01T04:00:00.000Z');
    expect(startOfTeamDay(new Date('2023-12-01T12:00:00Z'), 'America/New_York').toISOString()).toBe('2023-12-01T05:00:00.000Z');
  });
});

describe('teamDayFromIso: the date a rep picks for the next follow-up', () => {
  it('2023-10-01 in Shanghai is midnight there, 16:00 UTC the day before', () => {
    expect(teamDayFromIso('2023-10-01', 'Asia/Shanghai')?.toISOString()).toBe('2023-09-30T16:00:00.000Z');
  });

  it('the same picked date means a different instant for a UTC team', () => {
    expect(teamDayFromIso('2023-10-01', 'UTC')?.toISOString()).toBe('2023-10-01T00:00:00.000Z');
  });

  it('handles leap days', () => {
    expect(teamDayFromIso('2024-02-29', 'Asia/Shanghai')?.toISOString()).toBe('2024-02-28T16:00:00.000Z');
  });

  it.each(['2023-02-30', '2023-02-29', '2023-13-01', '2023-00-10', 'not a date', '', '2023-10-01T08:00', '20231001', '2023-10', '2023/10/01', ' 2023-10-01'])(
    '%j is not a day: undefined',
    (input) => {
      expect(teamDayFromIso(input, 'Asia/Shanghai')).toBeUndefined();
    },
  );
});
