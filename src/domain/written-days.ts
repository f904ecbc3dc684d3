import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';

/**
 * A day as people write it, in English or 中文, read in the team's time zone: `2023-10-08`,
 * `10/8`, `+3d`, `3天后`, `friday`, `周五`, `下周一`, `tomorrow`, `明天`, `next week`, `下周`.
 *
 * chrono-node does the reading (both languages, relative and absolute forms, the next
 * occurrence of a weekday or a month/day); this module only pins it to the team's day.
 * chrono reads the reference moment's local fields, so it is handed the team's wall
 * clock as a local time and its answer is read back as year, month and day: the
 * server's own zone never enters.
 */

/** Phrases chrono's Chinese parser does not know, as the English it does. */
const PHRASES: Record<string, string> = {
  下周: 'next week',
  下星期: 'next week',
  下礼拜: 'next week',
  下个月: 'next month',
  下月: 'next month',
};

const PARSERS = [chrono.en.casual, chrono.zh.hans.casual];

/** Midnight (team time) of the day `text` names, or undefined when it names none, or more than a day. */
export function parseWrittenDay(text: string, now: Date, timeZone: string): Date | undefined {
  const written = text.normalize('NFKC').trim().replace(/[。.!！,，]+$/u, '');
  if (!written) return undefined;
  const phrase = PHRASES[written] ?? written;
  const teamNow = DateTime.fromJSDate(now, { zone: timeZone });
  const reference = new Date(teamNow.year, teamNow.month - 1, teamNow.day, teamNow.hour, teamNow.minute);
  for (const parser of PARSERS) {
    const [result] = parser.parse(phrase, reference, { forwardDate: true });
    // The whole text must be the date: "fri call back" is not a day, and guessing would set the wrong one.
    if (!result || result.index !== 0 || result.text.length !== phrase.length || result.end) continue;
    const day = DateTime.fromObject(
      { year: result.start.get('year')!, month: result.start.get('month')!, day: result.start.get('day')! },
      { zone: timeZone },
    );
    if (day.isValid) return day.startOf('day').toJSDate();
  }
  return undefined;
}
