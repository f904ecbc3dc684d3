import type { Db } from './database.js';

export interface MemberProfile {
  name: string;
  timeZone?: string;
  locale?: string;
}

/** Names change rarely; a week-old copy is good enough for a chart label. */
const FRESH_FOR_MS = 7 * 86_400_000;

/**
 * What Slack last told us of these people (users.info): their names for charts, which
 * cannot render <@U123> mentions, and their language. Known profiles come from the
 * member table; missing or stale ones are asked of Slack through `lookUp` and kept.
 * Without `lookUp` (the command line), or when Slack does not answer, the stored
 * profile (or none) stands.
 */
export async function memberProfiles(
  db: Db,
  workspaceId: string,
  userIds: string[],
  now: Date,
  lookUp?: (userId: string) => Promise<MemberProfile | undefined>,
): Promise<Map<string, MemberProfile>> {
  const unique = [...new Set(userIds)];
  const known = await db.member.findMany({ where: { workspaceId, userId: { in: unique } } });
  const profiles = new Map<string, MemberProfile>(
    known.map((member) => [member.userId, { name: member.name, timeZone: member.timeZone ?? undefined, locale: member.locale ?? undefined }]),
  );
  if (!lookUp) return profiles;
  const stale = unique.filter((id) => {
    const member = known.find((row) => row.userId === id);
    return !member || now.getTime() - member.fetchedAt.getTime() > FRESH_FOR_MS;
  });
  for (const userId of stale) {
    const profile = await lookUp(userId).catch(() => undefined);
    if (!profile) continue;
    profiles.set(userId, profile);
    await db.member.upsert({
      where: { workspaceId_userId: { workspaceId, userId } },
      create: { workspaceId, userId, name: profile.name, timeZone: profile.timeZone, locale: profile.locale, fetchedAt: now },
      update: { name: profile.name, timeZone: profile.timeZone, locale: profile.locale, fetchedAt: now },
    });
  }
  return profiles;
}

/** Display names for charts: the member's name, or the user id where none is known. */
export async function displayNames(
  db: Db,
  workspaceId: string,
  userIds: string[],
  now: Date,
  lookUp?: (userId: string) => Promise<MemberProfile | undefined>,
): Promise<Map<string, string>> {
  const profiles = await memberProfiles(db, workspaceId, userIds, now, lookUp);
  return new Map([...new Set(userIds)].map((id) => [id, profiles.get(id)?.name ?? id]));
}
