import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATABASES } from '../support/databases.js';
import { FAKE_BOT, FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { blockText, buttonsOf, journalOf, seedLead } from '../support/leads.js';
import { forged, openedView, stateValues } from '../support/modals.js';
import { CHANNEL, signature } from '../../src/playground/driver.js';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/test-app.js';

const MEI = { id: 'U0MEI', name: 'mei' };
const FORM = 'application/x-www-form-urlencoded';

/** A new lead's form as Slack would submit it, with `entered` on top of an ordinary name. */
async function newLeadForm(app: TestApp, entered: Record<string, unknown>) {
  const opened = app.slack.callsOf('views.open').length;
  await app.driver.command('new');
  const view = await openedView(app.slack, opened);
  return { view, values: stateValues(view, { name: 'Acme Robotics', owner: MEI.id, ...entered }) };
}

/** A click on the Advance button of a lead's card, by someone of some team, as Slack would send it. */
async function advanceClick(app: TestApp, number: string, by: { user: string; team: string; responseUrl: string }) {
  const advance = buttonsOf((await app.driver.command(`show ${number}`)).json).get('lead_advance')!;
  return {
    type: 'block_actions',
    user: { id: by.user, team_id: by.team },
    team: { id: by.team, domain: 'somewhere' },
    api_app_id: FAKE_BOT.appId,
    trigger_id: randomUUID(),
    channel: CHANNEL,
    response_url: by.responseUrl,
    actions: [{ type: 'button', action_id: advance.action_id, block_id: advance.block_id, value: advance.value, action_ts: '1' }],
  };
}

describe.each(DATABASES)('hardening against hostile and repeated requests (%s)', (kind) => {
  let app: TestApp;
  const logs: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    app = await startTestApp(kind, { logs, interactiveTimeoutMs: 300 });
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    app.slack.clear();
    logs.length = 0;
    await app.database.db.lead.deleteMany();
    await app.database.db.leadNumberSequence.deleteMany();
  });

  describe('a malformed body gets a 400 and the bot keeps serving', () => {
    const malformed: Array<[string, string, string]> = [
      ['payload=null', 'payload=null', FORM],
      ['a JSON body null', 'null', 'application/json'],
      ['a payload that is not JSON', 'payload=%7Bnope', FORM],
      ['a payload without type', `payload=${encodeURIComponent(JSON.stringify({ user: { id: 'U0MEI' }, team: { id: FAKE_TEAM.id } }))}`, FORM],
      ['an event without event', JSON.stringify({ type: 'event_callback', team_id: FAKE_TEAM.id, event_id: 'Ev1' }), 'application/json'],
      [
        'a view submission without state',
        `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', user: { id: 'U0MEI', team_id: FAKE_TEAM.id }, team: { id: FAKE_TEAM.id }, view: { id: 'V1', callback_id: 'lead_new' } }))}`,
        FORM,
      ],
      [
        'a message shortcut without its message',
        `payload=${encodeURIComponent(JSON.stringify({ type: 'message_action', callback_id: 'lead_from_message', user: { id: 'U0MEI', team_id: FAKE_TEAM.id }, team: { id: FAKE_TEAM.id }, channel: CHANNEL, trigger_id: 't1' }))}`,
        FORM,
      ],
      [
        'a message shortcut without a trigger',
        `payload=${encodeURIComponent(JSON.stringify({ type: 'message_action', callback_id: 'lead_from_message', user: { id: 'U0MEI', team_id: FAKE_TEAM.id }, team: { id: FAKE_TEAM.id }, channel: CHANNEL, message: { ts: '1.2', text: 'hi' } }))}`,
        FORM,
      ],
      ['a command without a user', new URLSearchParams({ command: '/lead', team_id: FAKE_TEAM.id, text: 'help', trigger_id: 't' }).toString(), FORM],
      ['a body of another type', 'hello', 'text/plain'],
    ];
    it.each(malformed)('%s', async (_name, body, contentType) => {
      const reply = await app.driver.post(body, contentType);
      expect(reply.status).toBe(400);
      expect(await app.database.db.workspace.count({ where: { id: { not: FAKE_TEAM.id } } })).toBe(0);
      const help = await app.driver.command('help');
      expect(help.status).toBe(200);
      expect(blockText(help.json)).toContain('/lead advance');
    });
  });

  describe('timestamps', () => {
    const signedAt = async (offsetSeconds: number) => {
      const body = app.driver.commandBody('help');
      const timestamp = Math.floor(Date.now() / 1000) + offsetSeconds;
      return app.driver.post(body, FORM, { timestamp, signature: signature(SIGNING_SECRET, timestamp, body) });
    };
    it('refuses a request signed a day ahead, or six minutes ahead', async () => {
      expect((await signedAt(86_400)).status).toBe(401);
      expect((await signedAt(6 * 60)).status).toBe(401);
    });
    it('accepts a clock up to a few minutes off either way', async () => {
      expect((await signedAt(4 * 60)).status).toBe(200);
      expect((await signedAt(-4 * 60)).status).toBe(200);
    });
  });

  describe('a request from another Slack team', () => {
    it('gets a short refusal and leaves nothing behind', async () => {
      const before = await app.database.db.workspace.count();
      const reply = await app.driver.command('help', { team: 'T0FOREIGN' });
      expect(reply.status).toBe(200);
      expect(reply.json?.response_type).toBe('ephemeral');
      expect(String(reply.json?.text)).toContain('another Slack workspace');
      expect(String(reply.json?.text)).toContain('另一个 Slack 工作区');
      expect(await app.database.db.workspace.count()).toBe(before);
      expect(await app.database.db.workspace.findUnique({ where: { id: 'T0FOREIGN' } })).toBeNull();
      expect(logs.find((line) => line.msg === 'request' && line.team === 'T0FOREIGN')).toMatchObject({ outcome: 'refused_team' });
    });

    it('is refused when it claims our team id under a foreign enterprise', async () => {
      const body = new URLSearchParams(app.driver.commandBody('new Acme'));
      body.set('enterprise_id', 'E0FOREIGN');
      const reply = await app.driver.post(body.toString(), FORM);
      expect(String(reply.json?.text)).toContain('another Slack workspace');
      expect(app.slack.callsOf('views.open')).toHaveLength(0);
    });

    it('cannot open a form from a message shortcut', async () => {
      const payload = JSON.parse(new URLSearchParams(app.driver.messageActionBody({ message: { ts: '1700000000.000100', text: 'li@acme.com' }, responseUrl: app.slack.responseUrl('foreign-shortcut') })).get('payload')!);
      payload.team = { id: 'T0FOREIGN', domain: 'somewhere' };
      payload.user = { id: 'U0STRANGER', team_id: 'T0FOREIGN' };
      expect((await app.driver.post(app.driver.interactionBody(payload), FORM)).status).toBe(200);
      const refusal = await app.slack.waitForResponse((response) => response.id === 'foreign-shortcut');
      expect(String(refusal.body.text)).toContain('another Slack workspace');
      expect(app.slack.callsOf('views.open')).toHaveLength(0);
      expect(app.slack.callsOf('chat.getPermalink')).toHaveLength(0);
    });

    it('cannot press a button on our cards', async () => {
      const lead = await seedLead(app);
      const payload = await advanceClick(app, lead.number, { user: 'U0STRANGER', team: 'T0FOREIGN', responseUrl: app.slack.responseUrl('foreign') });
      expect((await app.driver.post(app.driver.interactionBody(payload), FORM)).status).toBe(200);
      const refusal = await app.slack.waitForResponse((response) => response.id === 'foreign');
      expect(String(refusal.body.text)).toContain('another Slack workspace');
      expect((await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).stage).toBe('ACQUIRED');
    });
  });

  describe('the same request applied at most once', () => {
    it('a re-sent modal submission creates one lead and gets the first answer', async () => {
      const { view, values } = await newLeadForm(app, {});
      const body = app.driver.interactionBody(app.driver.viewSubmissionPayload({ ...view, id: 'V0RESENT' }, values, { user: MEI }));
      const first = await app.driver.post(body, FORM);
      const again = await app.driver.post(body, FORM, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(again.text).toBe(first.text);
      expect(await app.database.db.lead.count()).toBe(1);
      await app.slack.waitFor(() => logs.some((line) => line.msg === 'request' && line.outcome === 'duplicate'));
    });

    it('the same modal submitted again with corrected values is a new submission', async () => {
      const { view, values } = await newLeadForm(app, { name: '' });
      const refused = await app.driver.submitView({ ...view, id: 'V0CORRECTED' }, values, { user: MEI });
      expect(refused.json?.response_action).toBe('errors');
      const corrected = await app.driver.submitView({ ...view, id: 'V0CORRECTED' }, stateValues(view, { name: 'Acme', owner: MEI.id }), { user: MEI });
      expect(corrected.json).toBeUndefined();
      expect(await app.database.db.lead.count()).toBe(1);
    });

    it('a re-sent command is answered with the first answer and changes nothing', async () => {
      const lead = await seedLead(app);
      const body = app.driver.commandBody(`advance ${lead.number}`);
      const first = await app.driver.post(body, FORM);
      const again = await app.driver.post(body, FORM);
      expect(blockText(first.json)).toContain('to *Contacted*');
      expect(again.json).toEqual(first.json);
      const after = await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } });
      expect(after.stage).toBe('CONTACTED');
      expect((await journalOf(app.database.db, lead.id)).map((entry) => entry.kind)).toEqual(['created', 'stage']);
    });

    it('a re-sent click on a card advances once', async () => {
      const lead = await seedLead(app);
      const payload = await advanceClick(app, lead.number, { user: MEI.id, team: FAKE_TEAM.id, responseUrl: app.slack.responseUrl() });
      const body = app.driver.interactionBody(payload);
      await Promise.all([app.driver.post(body, FORM), app.driver.post(body, FORM)]);
      // Both are done when both are logged: the click, and its re-send answered without effect.
      const done = await app.slack.waitFor(() => {
        const lines = logs.filter((line) => line.msg === 'request' && line.listener === 'block_actions lead_advance');
        return lines.length === 2 && lines;
      });
      expect(done.map((line) => line.outcome).sort()).toEqual(['duplicate', 'ok']);
      expect((await journalOf(app.database.db, lead.id)).map((entry) => entry.kind)).toEqual(['created', 'stage']);
      expect(app.slack.responses).toHaveLength(1);
    });

    it('holds with two app instances on one database', async () => {
      const second = await startTestApp(kind, { database: app.database });
      try {
        const { view, values } = await newLeadForm(app, {});
        const body = app.driver.interactionBody(app.driver.viewSubmissionPayload({ ...view, id: 'V0TWICE' }, values, { user: MEI }));
        const replies = await Promise.all([app.driver.post(body, FORM), second.driver.post(body, FORM), app.driver.post(body, FORM), second.driver.post(body, FORM)]);
        expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200]);
        expect(await app.database.db.lead.count()).toBe(1);
      } finally {
        await second.close();
      }
    });

    it('forgets requests after the replay window', async () => {
      const now = Date.now();
      await app.database.db.requestReceipt.create({ data: { key: 'command:T0LEADOPS:old', receivedAt: new Date(now - 11 * 60_000), done: true } });
      app.setNow(new Date(now + 2 * 60_000));
      try {
        await app.driver.command('help');
        expect(await app.database.db.requestReceipt.findUnique({ where: { key: 'command:T0LEADOPS:old' } })).toBeNull();
      } finally {
        app.setNow(undefined);
      }
    });
  });

  describe('every field has a limit and a shape, enforced below Slack', () => {
    it('refuses a forged 100 kB note beside the field, and stores nothing', async () => {
      const { view, values } = await newLeadForm(app, { notes: 'x'.repeat(100_000) });
      const reply = await app.driver.submitView(view, values, { user: MEI });
      expect(reply.json?.response_action).toBe('errors');
      expect((reply.json?.errors as Record<string, string>).notes).toBe('Notes: at most 3000 characters.');
      expect(await app.database.db.lead.count()).toBe(0);
    });

    it('refuses over-long campaign, source and industry at once', async () => {
      const { view, values } = await newLeadForm(app, { campaign: 'c'.repeat(201), source_channel: 's'.repeat(81), industry: '行'.repeat(81) });
      const errors = (await app.driver.submitView(view, values, { user: MEI })).json?.errors as Record<string, string>;
      expect(errors).toEqual({
        campaign: 'Campaign: at most 200 characters.',
        source_channel: 'Source channel: at most 80 characters.',
        industry: 'Industry: at most 80 characters.',
      });
      expect(await app.database.db.lead.count()).toBe(0);
    });

    it('counts 中文 by characters: 80 Chinese characters fit an 80-character field', async () => {
      const { view, values } = await newLeadForm(app, { industry: '行'.repeat(80) });
      expect((await app.driver.submitView(view, values, { user: MEI })).json).toBeUndefined();
      expect((await app.database.db.lead.findFirstOrThrow()).industry).toBe('行'.repeat(80));
    });

    it('refuses an owner that is not a Slack user id and an option never offered', async () => {
      const { view, values } = await newLeadForm(app, { owner: '<!channel>', customer_type: forged('ADMIN') });
      const errors = (await app.driver.submitView(view, values, { user: MEI })).json?.errors as Record<string, string>;
      expect(errors.owner).toBe('Owner: that is not a valid value.');
      expect(errors.customer_type).toBe('Customer type: pick one of the choices offered.');
      expect(await app.database.db.lead.count()).toBe(0);
    });

    it('refuses a loss reason that was never offered, and keeps the lead open', async () => {
      const lead = await seedLead(app);
      await app.driver.command(`lose ${lead.number}`);
      const view = await openedView(app.slack);
      const reply = await app.driver.submitView(view, stateValues(view, { known_reasons: ['budget', 'made_up_reason'] }), { user: MEI });
      expect((reply.json?.errors as Record<string, string>).known_reasons).toBe('Reasons: pick one of the choices offered.');
      expect((await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).stage).toBe('ACQUIRED');
    });

    it('refuses an over-long typed loss reason and too many reasons, in the user\'s words', async () => {
      const lead = await seedLead(app);
      const long = await app.driver.command(`lose ${lead.number} ${'r'.repeat(81)}`);
      expect(blockText(long.json)).toContain('Nothing was saved. Loss reason: at most 80 characters.');
      const many = await app.driver.command(`lose ${lead.number} ${Array.from({ length: 11 }, (_, i) => `reason${i}`).join(' ')}`);
      expect(blockText(many.json)).toContain('Loss reason: at most 10.');
      expect((await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).stage).toBe('ACQUIRED');
      expect(await app.database.db.tag.count({ where: { kind: 'LOSS_REASON' } })).toBe(0);
    });

    it('refuses an over-long note on a loss, beside the note', async () => {
      const lead = await seedLead(app);
      await app.driver.command(`lose ${lead.number}`);
      const view = await openedView(app.slack);
      const reply = await app.driver.submitView(view, stateValues(view, { known_reasons: ['budget'], note: 'n'.repeat(1001) }), { user: MEI });
      expect((reply.json?.errors as Record<string, string>).note).toBe('Note: at most 1000 characters.');
      expect((await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).stage).toBe('ACQUIRED');
    });
  });

  describe('formatting characters in data are shown literally', () => {
    it('a name, a note and a reason with * _ ~ ` are not formatting', async () => {
      const lead = await seedLead(app, { name: '*Bold* _Co_', sourceChannel: '~strike~' });
      await app.driver.command(`lose ${lead.number} \`code\``);
      const text = blockText((await app.driver.command(`show ${lead.number}`)).json);
      expect(text).toContain('\u200b*\u200bBold\u200b*\u200b \u200b_\u200bCo\u200b_\u200b');
      expect(text).toContain('\u200b~\u200bstrike\u200b~\u200b');
      expect(text).toContain('\u200b`\u200bcode\u200b`\u200b');
    });
  });

  describe('when Slack is slow or busy while someone waits', () => {
    it('a hung views.open tells the person to try again', async () => {
      app.slack.answerNext('views.open', { ok: true, view: { id: 'V0LATE' }, hangMs: 1500 });
      expect((await app.driver.command('new Acme')).status).toBe(200);
      const told = await app.slack.waitForResponse();
      expect(String((told.body.blocks as Array<{ text: { text: string } }>)[0]?.text.text)).toContain('Slack did not answer in time');
    });

    it('a rate-limited views.open whose Retry-After outlives the trigger is not retried', async () => {
      app.slack.answerNext('views.open', { ok: false, error: 'ratelimited', retryAfter: 30 });
      await app.driver.command('new Acme');
      const told = await app.slack.waitForResponse();
      expect(blockText(told.body)).toContain('Slack is busy right now (asked us to wait 30 s)');
      expect(app.slack.callsOf('views.open')).toHaveLength(1);
    });

    it('a lead whose confirmation cannot be delivered is logged with its number', async () => {
      app.slack.answerNext('chat.postEphemeral', { ok: false, error: 'channel_not_found' });
      app.slack.answerNext('chat.postMessage', { ok: false, error: 'cannot_dm_bot' });
      const { view, values } = await newLeadForm(app, {});
      await app.driver.submitView(view, values, { user: MEI });
      await app.slack.waitForCall('chat.postMessage');
      const lead = await app.database.db.lead.findFirstOrThrow();
      const untold = await app.slack.waitFor(() => logs.find((line) => line.msg === 'could not tell the user'));
      expect(String(untold.untold)).toContain(lead.number);
      expect(blockText((await app.driver.command('mine', { user: MEI })).json)).toContain(lead.number);
    });
  });

  it('logs one line per request: listener, team, user, duration, outcome', async () => {
    await app.driver.command('help', { user: MEI });
    await app.driver.command('advance 404', { user: MEI });
    // A line is written when the request is done, which may be just after its answer arrived.
    const lineOf = (listener: string) => app.slack.waitFor(() => logs.find((line) => line.msg === 'request' && line.listener === listener));
    expect(await lineOf('/lead help')).toMatchObject({ team: FAKE_TEAM.id, user: MEI.id, outcome: 'ok', ms: expect.any(Number) });
    expect(await lineOf('/lead advance')).toMatchObject({ team: FAKE_TEAM.id, user: MEI.id, outcome: 'declined' });
  });
});
