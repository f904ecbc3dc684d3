import { describe, expect, it } from 'vitest';
import { parseWrittenDay } from '../../src/domain/written-days.js';
import { teamDate } from '../../src/domain/team-time.js';

/**
 * 23:30 UTC on Wednesday 2 December 2026 is already Thursday 3 December, 07:30, in
 * Shanghai, and still Wednesday, 18:30, in New York: every relative day is counted from
 * the team's own today.
 */
const NOW = new Date('2026-12-02T23:30:00Z');
const day = (text: string, zone: string) => {
  const parsed = parseWrittenDay(text, NOW, zone);
  return parsed ? teamDate(parsed, zone) : undefined;
};

describe('a follow-up day as people write it, in the team\'s time zone', () => {
  it.each([
    // written, in Shanghai (Thursday 3rd), in New York (Wednesday 2nd)
    ['2023-10-08', '2023-10-08', '2023-10-08'],
    ['10/8', '2027-10-08', '2027-10-08'],
    ['12/25', '2026-12-25', '2026-12-25'],
    ['+3d', '2026-12-06', '2026-12-05'],
    ['in 3 days', '2026-12-06', '2026-12-05'],
    ['3天后', '2026-12-06', '2026-12-05'],
    ['三天后', '2026-12-06', '2026-12-05'],
    ['friday', '2026-12-04', '2026-12-04'],
    ['Friday.', '2026-12-04', '2026-12-04'],
    ['周五', '2026-12-04', '2026-12-04'],
    ['星期五', '2026-12-04', '2026-12-04'],
    ['下周一', '2026-12-07', '2026-12-07'],
    ['next monday', '2026-12-07', '2026-12-07'],
    ['tomorrow', '2026-12-04', '2026-12-03'],
    ['明天', '2026-12-04', '2026-12-03'],
    ['后天', '2026-12-05', '2026-12-04'],
    ['today', '2026-12-03', '2026-12-02'],
    ['今天', '2026-12-03', '2026-12-02'],
    ['next week', '2026-12-10', '2026-12-09'],
    ['下周', '2026-12-10', '2026-12-09'],
    ['下个月', '2027-01-03', '2027-01-02'],
    ['12月8日', '2026-12-08', '2026-12-08'],
    // Full-width forms as a Chinese keyboard types them.
    ['＋３ｄ', '2026-12-06', '2026-12-05'],
  ])('%s → %s in Shanghai, %s in New York', (written, shanghai, newYork) => {
    expect(day(written, 'Asia/Shanghai')).toBe(shanghai);
    expect(day(written, 'America/New_York')).toBe(newYork);
  });

  it('is midnight of that day in the team\'s zone', () => {
    expect(parseWrittenDay('明天', NOW, 'Asia/Shanghai')?.toISOString()).toBe('2026-12-03T16:00:00.000Z');
    expect(parseWrittenDay('tomorrow', NOW, 'America/New_York')?.toISOString()).toBe('2026-12-03T05:00:00.000Z');
  });

  it.each(['someday', 'fri call back', 'call me', '', '   ', 'friday 3pm to saturday', '2026-13-45'])('names no single day: %j', (written) => {
    expect(parseWrittenDay(written, NOW, 'Asia/Shanghai')).toBeUndefined();
  });
});
