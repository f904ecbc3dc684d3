import type { App } from '@slack/bolt';
import { publishHome } from '../../home.js';
import { actorFor } from '../../listen.js';
import type { AppServices } from '../../services.js';

export const EVENT = 'app_home_opened';

export function register(app: App, services: AppServices): void {
  app.event(EVENT, async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    try {
      await publishHome(services, await actorFor(services, body.team_id, event.user, undefined, client));
    } catch (error) {
      services.logger.error({ err: error, user: event.user }, 'could not publish the App Home');
    }
  });
}
