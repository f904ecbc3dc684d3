import type { WebClient } from '@slack/web-api';
import type { MemberProfile } from '../store/members.js';

/**
 * What Slack says of a person (users.info): the name for chart labels, their language
 * (which Slack tells only when asked for it) and whether they administer the workspace.
 */
export async function profileFromSlack(client: WebClient, userId: string): Promise<MemberProfile | undefined> {
  const { user } = await client.users.info({ user: userId, include_locale: true });
  if (!user) return undefined;
  const name = user.profile?.display_name || user.real_name || user.name || userId;
  return { name, timeZone: user.tz, locale: user.locale, slackAdmin: Boolean(user.is_admin || user.is_owner) };
}
