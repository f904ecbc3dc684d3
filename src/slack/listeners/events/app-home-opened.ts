import type { App } from '@slack/bolt';
import { startOfTeamDay } from '../../../domain/team-time.js';
import { openLeadsOfCaller } from '../../../app/leads.js';
import { homeView } from '../../blocks/home.js';
import { actorFor } from '../../listen.js';
import type { AppServices } from '../../services.js';

export const EVENT = 'app_home_opened';

export function register(app: App, services: AppServices): void {
  app.event(EVENT, async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    try {
      const actor = await actorFor(services, body.team_id, event.user, undefined, client);
      const { workspace } = actor;
      const leads = await openLeadsOfCaller(actor, services.db);
      await client.views.publish({
        user_id: event.user,
        view: homeView(leads, actor.locale, workspace.timeZone, startOfTeamDay(actor.now, workspace.timeZone)),
      });
    } catch (error) {
      services.logger.error({ err: error, user: event.user }, 'could not publish the App Home');
    }
  });
}
