import { createTask } from 'node-cron';

/**
 * The latest minute at or before `now` that `expression` fires on in `timeZone`, looking
 * back at most `lookbackMs`: the run a bot that was down may have missed. node-cron
 * answers "does this minute match" in the zone; scanning a week of minutes costs ~10k
 * checks once per start.
 */
export function latestOccurrence(expression: string, timeZone: string, now: Date, lookbackMs = 8 * 24 * 3600_000): Date | undefined {
  const task = createTask(expression, () => {}, { timezone: timeZone });
  try {
    const minute = 60_000;
    let at = Math.floor(now.getTime() / minute) * minute;
    const stop = now.getTime() - lookbackMs;
    for (; at >= stop; at -= minute) {
      if (task.match(new Date(at))) return new Date(at);
    }
    return undefined;
  } finally {
    void task.destroy();
  }
}
