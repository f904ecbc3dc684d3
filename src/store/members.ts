import type { OwnerCandidate } from '../domain/owner-directory.js';
import type { Db } from './database.js';
import { appendActivity, TRANSACTION_OPTIONS, type Author } from './journal.js';

export interface MemberProfile {
  name: string;
  timeZone?: string;
  locale?: string;
  /** Slack calls them a workspace admin or owner. */
  slackAdmin?: boolean;
  /** A role given with `/lead role`; never set from Slack. */
  role?: string;
}

/**
 * What Slack said of a person is asked again after a day: a rep who switches their Slack
 * to 中文 is answered in it from the next day on, at one users.info a person a day.
 */
export const PROFILE_FRESH_FOR_MS = 86_400_000;

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
    known.map((member) => [
      member.userId,
      { name: member.name, timeZone: member.timeZone ?? undefined, locale: member.locale ?? undefined, slackAdmin: member.slackAdmin, role: member.role ?? undefined },
    ]),
  );
  if (!lookUp) return profiles;
  const stale = unique.filter((id) => {
    const member = known.find((row) => row.userId === id);
    return !member || now.getTime() - member.fetchedAt.getTime() > PROFILE_FRESH_FOR_MS;
  });
  for (const userId of stale) {
    const profile = await lookUp(userId).catch(() => undefined);
    if (!profile) continue;
    const slackAdmin = profile.slackAdmin ?? false;
    const row = await db.member.upsert({
      where: { workspaceId_userId: { workspaceId, userId } },
      create: { workspaceId, userId, name: profile.name, timeZone: profile.timeZone, locale: profile.locale, slackAdmin, fetchedAt: now },
      update: { name: profile.name, timeZone: profile.timeZone, locale: profile.locale, slackAdmin, fetchedAt: now },
    });
    profiles.set(userId, { ...profile, slackAdmin, role: row.role ?? undefined });
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

/** Gives `userId` a role in the workspace and journals it, in one transaction. A person not seen yet gets a row Slack fills in later. */
export async function setMemberRole(db: Db, workspaceId: string, userId: string, role: string, author: Author): Promise<{ previous: string | null }> {
  return db.$transaction(async (tx) => {
    const before = await tx.member.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: { role: true } });
    await tx.member.upsert({
      where: { workspaceId_userId: { workspaceId, userId } },
      // An epoch fetchedAt marks the name as unknown, so the next lookup asks Slack.
      create: { workspaceId, userId, name: userId, role, fetchedAt: new Date(0) },
      update: { role },
    });
    await appendActivity(tx, author, { workspaceId, kind: 'role', details: { before: { userId, role: before?.role ?? null }, after: { userId, role } } });
    return { previous: before?.role ?? null };
  }, TRANSACTION_OPTIONS);
}

/** Everyone the workspace knows with a given role, or whom Slack calls an admin. */
export async function membersWithStanding(db: Db, workspaceId: string) {
  return db.member.findMany({
    where: { workspaceId, OR: [{ role: { not: null } }, { slackAdmin: true }] },
    select: { userId: true, name: true, role: true, slackAdmin: true },
    orderBy: { userId: 'asc' },
    take: 500,
  });
}

/** Everyone the workspace knows, as an import may match a sheet's owner cells to them: by id, or by the name Slack last told us. */
export async function memberCandidates(db: Db, workspaceId: string): Promise<OwnerCandidate[]> {
  const members = await db.member.findMany({ where: { workspaceId }, select: { userId: true, name: true }, orderBy: { userId: 'asc' } });
  return members.map((member) => ({ userId: member.userId, displayName: member.name }));
}
