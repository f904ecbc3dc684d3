import type { Db } from './database.js';

export interface MemberProfile {
  name: string;
  timeZone?: string;
  locale?: string;
}

/** Names change rarely; a week-old copy is good enough for a chart label. */
const FRESH_FOR_MS = 7 * 86_400_000;

/**
 * Display names for people shown in charts (which cannot render <@U123> mentions). Known
 * names come from the member table; missing or stale ones are asked of Slack through
 * `lookUp` (users.info) and kept. Without `lookUp` (the command line), or when Slack does
 * not answer, the stored name or the user id stands in.
 */
export async function displayNames(
  db: Db,
  workspaceId: string,
  userIds: string[],
  now: Date,
  lookUp?: (userId: string) => Promise<MemberProfile | undefined>,
): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)];
  const known = await db.member.findMany({ where: { workspaceId, userId: { in: unique } } });
  const names = new Map(known.map((member) => [member.userId, member.name]));
  if (!lookUp) return new Map(unique.map((id) => [id, names.get(id) ?? id]));
  const stale = unique.filter((id) => {
    const member = known.find((row) => row.userId === id);
    return !member || now.getTime() - member.fetchedAt.getTime() > FRESH_FOR_MS;
  });
  for (const userId of stale) {
    const profile = await lookUp(userId).catch(() => undefined);
    if (!profile) continue;
    names.set(userId, profile.name);
    await db.member.upsert({
      where: { workspaceId_userId: { workspaceId, userId } },
      create: { workspaceId, userId, name: profile.name, timeZone: profile.timeZone, locale: profile.locale, fetchedAt: now },
      update: { name: profile.name, timeZone: profile.timeZone, locale: profile.locale, fetchedAt: now },
    });
  }
  return new Map(unique.map((id) => [id, names.get(id) ?? id]));
}
