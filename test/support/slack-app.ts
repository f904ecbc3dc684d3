import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { DatabaseKind } from './databases.js';
import { forgetLeads } from './leads.js';
import { WANG } from './people.js';
import { startTestApp, type TestApp, type TestAppOptions } from './test-app.js';

/**
 * The start of a Slack test of leads: one real app per database for the whole file, with
 * 王芳 known to Slack (Mei is anyone's default), and each test starting at `now` with
 * nothing recorded by the fake Slack and no leads. `use` receives the app once started.
 */
export function slackAppFor(kind: DatabaseKind, now: Date, use: (app: TestApp) => void, options: TestAppOptions = {}): void {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp(kind, { timeZone: 'Asia/Shanghai', locale: 'en', ...options });
    app.slack.people.set(WANG.id, WANG);
    use(app);
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    app!.setNow(now);
    app!.slack.clear();
    await forgetLeads(app!);
  });
}
