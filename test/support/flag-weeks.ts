import { DateTime } from 'luxon';
import type { Db } from '../../src/store/database.js';

export const FLAG_ZONE = 'Asia/Shanghai';

/** Monday 08:30 in Shanghai of the week after `monday`: when the flags of that week run. */
export function flagRunAfter(monday: string): Date {
  return DateTime.fromISO(monday, { zone: FLAG_ZONE }).plus({ weeks: 1, hours: 8, minutes: 30 }).toJSDate();
}

let sequence = 0;

/**
 * Leads that left Contacted in the week starting `monday` (Wednesday noon, Shanghai):
 * `lost` of them lost there, the rest moved on to Discovery. Nothing else is decided, so
 * Contacted → Discovery is the only drop-off the flags can judge.
 */
export async function leftContacted(db: Db, workspaceId: string, monday: string, counts: { lost: number; total: number }): Promise<string[]> {
  const decided = DateTime.fromISO(monday, { zone: FLAG_ZONE }).plus({ days: 2, hours: 12 });
  const contactedAt = decided.minus({ days: 3 }).toJSDate();
  const acquiredAt = decided.minus({ days: 4 }).toJSDate();
  const lostNumbers: string[] = [];
  for (let i = 0; i < counts.total; i++) {
    const lost = i < counts.lost;
    const number = `${decided.toFormat('yyyyMMdd')}${String(++sequence).padStart(4, '0')}`;
    if (lost) lostNumbers.push(number);
    await db.lead.create({
      data: {
        workspaceId,
        number,
        name: `Lead ${number}`,
        ownerId: 'U0MEI',
        createdById: 'U0MEI',
        acquiredAt,
        contactedAt,
        ...(lost ? { stage: 'LOST', lostAt: decided.toJSDate() } : { stage: 'DISCOVERY', discoveryAt: decided.toJSDate() }),
      },
    });
  }
  return lostNumbers;
}

/** The 8 baseline weeks before the week of 2026-11-16: 5 of 20 dropped each (25%). */
export const BASELINE_MONDAYS = ['2026-09-21', '2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09'];
