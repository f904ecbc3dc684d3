import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { DATABASES, type DatabaseKind } from '../support/databases.js';
import { blockText, journalOf, seedLead } from '../support/leads.js';
import { openedView, stateValues, type OpenedView } from '../support/modals.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Who may do what, through signed requests as Slack sends them, on both databases:
 * every write × every role × the caller's own lead or someone else's. An allowed
 * write changes the lead and appends one journal entry by the caller via slack; a
 * refused one changes neither the lead row nor its journal, and says who may.
 */

type Person = { id: string; name: string };
type Role = 'rep' | 'manager' | 'admin';
type Whose = 'own' | 'other';

const REP: Person = { id: 'U0MEI', name: 'mei' };
const OTHER_REP: Person = { id: 'U0LEI', name: 'lei' };
const MANAGER: Person = { id: 'U0BOSS', name: 'boss' };
const ADMIN: Person = { id: 'U0ADMIN', name: 'admin' };
/** Someone with no role yet, to hand leads to and give roles to. */
const NEWCOMER: Person = { id: 'U0NEW', name: 'new' };

const CALLER: Record<Role, Person> = { rep: REP, manager: MANAGER, admin: ADMIN };
/** "Someone else's lead": a rep's lead another rep owns; for a manager or admin, a rep's lead. */
const OTHER_OWNER: Record<Role, Person> = { rep: OTHER_REP, manager: REP, admin: REP };

/** Earlier in the day the lead was prepared; the write under test comes an hour later. */
const EARLIER = new Date('2026-11-20T01:00:00Z');
const NOW = new Date('2026-11-20T02:00:00Z');

const onlyOwnerOrManager = (owner: Person, verb: string) => `Only the owner (<@${owner.id}>) or a manager can ${verb}. Nothing was changed.`;
const onlyManager = (verb: string) => `Only a manager can ${verb}. Nothing was changed; \`/lead team\` shows who the managers are.`;
const onlyAdmin = (verb: string) => `Only an admin can ${verb}. Nothing was changed; \`/lead team\` shows who the admins are.`;

/** The values an opened modal shows, as Slack would submit them if nobody touched them. */
function shownValues(view: OpenedView): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const block of view.blocks as Array<{ type: string; block_id?: string; element?: Record<string, any> }>) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const element = block.element;
    if (element.initial_value !== undefined) values[block.block_id] = element.initial_value;
    else if (element.initial_option) values[block.block_id] = element.initial_option.value;
    else if (element.initial_date) values[block.block_id] = element.initial_date;
    else if (element.initial_user) values[block.block_id] = element.initial_user;
  }
  return values;
}

type LeadRow = Awaited<ReturnType<typeof seedLead>>;
type Entry = Awaited<ReturnType<typeof journalOf>>[number];

interface Write {
  /** The verb of the refusal: "Only … can <verb>". */
  verb: (number: string) => string;
  /** Who may besides the owner: refusals name the owner, or say a manager is needed. */
  rule: 'owner_or_manager' | 'manager';
  /** Brings the lead where the write applies (run by its owner, an hour earlier); returns the entry it wrote, if any. */
  prepare?: (app: TestApp, lead: LeadRow, owner: Person) => Promise<void>;
  /** Makes the write as `caller`; returns the sentence the caller is told. */
  act: (app: TestApp, lead: LeadRow, caller: Person) => Promise<string>;
  /** What an allowed write told the caller. */
  told: (number: string) => string;
  /** What an allowed write changed, in the row and in its journal entry. */
  changed: (after: LeadRow, entry: Entry, context: { owner: Person; before: Entry[] }) => void;
}

async function command(app: TestApp, text: string, user: Person): Promise<string> {
  const reply = await app.driver.command(text, { user });
  expect(reply.status).toBe(200);
  return String(reply.json?.text);
}

const WRITES = {
  advance: {
    verb: (n) => `move ${n}`,
    rule: 'owner_or_manager',
    act: (app, lead, caller) => command(app, `advance ${lead.number}`, caller),
    told: (n) => `Lead *${n}* Acme Robotics moved from Acquired to *Contacted*.`,
    changed: (after, entry) => {
      expect(after.stage).toBe('CONTACTED');
      expect(after.contactedAt).toEqual(NOW);
      expect(entry).toMatchObject({ kind: 'stage', before: { stage: 'ACQUIRED', contactedAt: null }, after: { stage: 'CONTACTED', contactedAt: NOW.toISOString() } });
    },
  },
  lose: {
    verb: (n) => `mark ${n} lost`,
    rule: 'owner_or_manager',
    act: (app, lead, caller) => command(app, `lose ${lead.number} budget`, caller),
    told: (n) => `Lead *${n}* Acme Robotics is marked *lost*: No budget.`,
    changed: (after, entry) => {
      expect(after.stage).toBe('LOST');
      expect(after.lostAt).toEqual(NOW);
      expect(entry).toMatchObject({ kind: 'stage', before: { stage: 'ACQUIRED', lostAt: null }, after: { stage: 'LOST', lostAt: NOW.toISOString(), lossReasons: [{ key: 'budget' }] } });
    },
  },
  win: {
    verb: (n) => `mark ${n} won`,
    rule: 'owner_or_manager',
    act: (app, lead, caller) => command(app, `win ${lead.number} 1000`, caller),
    told: (n) => `Lead *${n}* Acme Robotics is *won* — ¥1,000. 🎉`,
    changed: (after, entry) => {
      expect(after.stage).toBe('WON');
      expect(after.wonAt).toEqual(NOW);
      expect(after.dealAmountMinor).toBe(100000n);
      expect(entry).toMatchObject({ kind: 'stage', before: { stage: 'ACQUIRED', wonAt: null }, after: { stage: 'WON', wonAt: NOW.toISOString(), dealAmountMinor: '100000' } });
    },
  },
  assign: {
    verb: (n) => `reassign ${n}`,
    rule: 'manager',
    act: (app, lead, caller) => command(app, `assign ${lead.number} <@${NEWCOMER.id}|new>`, caller),
    told: (n) => `Lead *${n}* Acme Robotics is now owned by <@${NEWCOMER.id}>.`,
    changed: (after, entry, { owner }) => {
      expect(after.ownerId).toBe(NEWCOMER.id);
      expect(entry).toMatchObject({ kind: 'owner', before: { ownerId: owner.id }, after: { ownerId: NEWCOMER.id } });
    },
  },
  'edit (the modal submitted)': {
    verb: (n) => `edit ${n}`,
    rule: 'owner_or_manager',
    act: async (app, lead, caller) => {
      // The form as an admin opened it; what matters is who submits it.
      const opened = app.slack.callsOf('views.open').length;
      await command(app, `edit ${lead.number}`, ADMIN);
      const view = await openedView(app.slack, opened);
      const told = app.slack.callsOf('chat.postEphemeral').length;
      const reply = await app.driver.submitView(view, stateValues(view, { ...shownValues(view), industry: '医疗' }), { user: caller });
      expect(reply.status).toBe(200);
      expect(reply.json).toBeUndefined();
      const message = await app.slack.waitFor(() => app.slack.callsOf('chat.postEphemeral')[told]);
      expect(message.args.user).toBe(caller.id);
      return String(message.args.text);
    },
    told: (n) => `Saved lead *${n}*: industry changed.`,
    changed: (after, entry) => {
      expect(after.industry).toBe('医疗');
      expect(after.name).toBe('Acme Robotics');
      expect(entry).toMatchObject({ kind: 'edit' });
      expect([entry.before, entry.after]).toEqual([{ industry: '教育' }, { industry: '医疗' }]);
    },
  },
  'reopen a LOST lead': {
    verb: (n) => `reopen ${n}`,
    rule: 'owner_or_manager',
    prepare: async (app, lead, owner) => {
      await command(app, `lose ${lead.number} budget`, owner);
    },
    act: (app, lead, caller) => command(app, `reopen ${lead.number}`, caller),
    told: (n) => `Reopened lead *${n}* Acme Robotics: Lost → *Acquired*.`,
    changed: (after, entry) => {
      expect(after.stage).toBe('ACQUIRED');
      expect(after.lostAt).toBeNull();
      expect(entry).toMatchObject({ kind: 'reopen', before: { stage: 'LOST', lostAt: EARLIER.toISOString() }, after: { stage: 'ACQUIRED', lostAt: null, lossReasons: [] } });
    },
  },
  'reopen a WON lead': {
    verb: (n) => `reopen ${n}, a won deal`,
    rule: 'manager',
    prepare: async (app, lead, owner) => {
      await command(app, `win ${lead.number} 1000`, owner);
    },
    act: (app, lead, caller) => command(app, `reopen ${lead.number}`, caller),
    told: (n) => `Reopened lead *${n}* Acme Robotics: Won → *Acquired*.`,
    changed: (after, entry) => {
      expect(after.stage).toBe('ACQUIRED');
      expect(after.wonAt).toBeNull();
      expect(entry).toMatchObject({ kind: 'reopen', before: { stage: 'WON', wonAt: EARLIER.toISOString() }, after: { stage: 'ACQUIRED', wonAt: null } });
    },
  },
  // "Own" is undoing one's own change (to one's own lead); "other" is undoing the owner's change.
  undo: {
    verb: (n) => `undo someone else's change to ${n}`,
    rule: 'manager',
    prepare: async (app, lead, owner) => {
      await command(app, `advance ${lead.number}`, owner);
    },
    act: (app, lead, caller) => command(app, `undo ${lead.number}`, caller),
    told: (n) => `Undone on lead *${n}*: Contacted → Acquired.`,
    changed: (after, entry, { before }) => {
      expect(after.stage).toBe('ACQUIRED');
      expect(after.contactedAt).toBeNull();
      const advance = before.at(-1)!;
      expect(advance).toMatchObject({ kind: 'stage', after: { stage: 'CONTACTED' } });
      expect(entry).toMatchObject({ kind: 'revert', revertsId: advance.id, before: { stage: 'CONTACTED' }, after: { stage: 'ACQUIRED', contactedAt: null } });
    },
  },
} satisfies Record<string, Write>;

type Outcome = 'allowed' | 'refused';
const Y = 'allowed' as const;
const N = 'refused' as const;

/**
 * The matrix. Columns: rep on own lead, rep on someone else's, manager own, manager
 * other, admin own, admin other. A refusal says what WRITES[…].rule says.
 */
const MATRIX: Record<keyof typeof WRITES, [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]> = {
  //                              rep own  other  mgr own  other  admin own  other
  advance: /*                  */ [Y,       N,     Y,       Y,     Y,         Y],
  lose: /*                     */ [Y,       N,     Y,       Y,     Y,         Y],
  win: /*                      */ [Y,       N,     Y,       Y,     Y,         Y],
  assign: /*                   */ [N,       N,     Y,       Y,     Y,         Y],
  'edit (the modal submitted)': [Y,       N,     Y,       Y,     Y,         Y],
  'reopen a LOST lead': /*     */ [Y,       N,     Y,       Y,     Y,         Y],
  'reopen a WON lead': /*      */ [N,       N,     Y,       Y,     Y,         Y],
  undo: /*                     */ [Y,       N,     Y,       Y,     Y,         Y],
};

const COLUMNS: Array<[Role, Whose]> = [
  ['rep', 'own'],
  ['rep', 'other'],
  ['manager', 'own'],
  ['manager', 'other'],
  ['admin', 'own'],
  ['admin', 'other'],
];

const CASES = (Object.keys(MATRIX) as Array<keyof typeof WRITES>).flatMap((write) =>
  COLUMNS.map(([role, whose], column): [keyof typeof WRITES, Role, Whose, Outcome] => [write, role, whose, MATRIX[write][column]!]),
);

async function startRolesApp(kind: DatabaseKind, teamAdmins: string[]): Promise<TestApp> {
  const app = await startTestApp(kind, { timeZone: 'Asia/Shanghai', teamAdmins });
  await app.services.workspaces.get(FAKE_TEAM.id);
  return app;
}

/** Each story starts with no leads, goals, journal or people; the manager's role is recorded as `/lead role` records it. */
async function cleanSlate(app: TestApp, options: { manager?: boolean } = {}) {
  app.setNow(NOW);
  app.slack.clear();
  const { db } = app.database;
  await db.activity.deleteMany();
  await db.lead.deleteMany();
  await db.leadNumberSequence.deleteMany();
  await db.goal.deleteMany();
  await db.member.deleteMany();
  if (options.manager !== false) {
    await db.member.create({ data: { workspaceId: FAKE_TEAM.id, userId: MANAGER.id, name: MANAGER.name, role: 'manager', fetchedAt: NOW } });
  }
}

/** What users.info says of a workspace admin or owner. */
function slackAdminAnswer(args: Record<string, unknown>) {
  return { ok: true, user: { id: args.user, team_id: FAKE_TEAM.id, name: 'owner', real_name: 'Workspace Owner', tz: 'Asia/Shanghai', is_bot: false, is_admin: true, is_owner: true } };
}

describe.each(DATABASES)('roles through signed requests (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startRolesApp(kind, [ADMIN.id]);
  });
  afterAll(() => app?.close());
  beforeEach(() => cleanSlate(app));

  const lead = (id: number) => app.database.db.lead.findUniqueOrThrow({ where: { id } });

  describe('every write × every role × own lead or someone else\'s', () => {
    it.each(CASES)('%s by a %s on %s lead: %s', async (write, role, whose, outcome) => {
      const spec: Write = WRITES[write];
      const caller = CALLER[role];
      const owner = whose === 'own' ? caller : OTHER_OWNER[role];
      app.setNow(EARLIER);
      const seeded = await seedLead(app, { ownerId: owner.id, industry: '教育' });
      await spec.prepare?.(app, seeded, owner);
      app.setNow(NOW);
      const rowBefore = await lead(seeded.id);
      const journalBefore = await journalOf(app.database.db, seeded.id);

      const told = await spec.act(app, seeded, caller);

      const rowAfter = await lead(seeded.id);
      const journalAfter = await journalOf(app.database.db, seeded.id);
      if (outcome === 'allowed') {
        expect(told).toBe(spec.told(seeded.number));
        expect(journalAfter.slice(0, journalBefore.length)).toEqual(journalBefore);
        expect(journalAfter).toHaveLength(journalBefore.length + 1);
        const entry = journalAfter.at(-1)!;
        expect(entry).toMatchObject({ byId: caller.id, via: 'slack', leadVersion: rowAfter.version });
        expect(rowAfter.version).toBe(rowBefore.version + 1);
        spec.changed(rowAfter, entry, { owner, before: journalBefore });
      } else {
        expect(told).toBe(spec.rule === 'owner_or_manager' ? onlyOwnerOrManager(owner, spec.verb(seeded.number)) : onlyManager(spec.verb(seeded.number)));
        expect(rowAfter).toEqual(rowBefore);
        expect(journalAfter).toEqual(journalBefore);
      }
    });

    it.each(['rep', 'manager', 'admin'] as const)('/lead new by a %s adds the lead, journalled as created by them', async (role) => {
      const caller = CALLER[role];
      await app.driver.command('new Delta Co', { user: caller });
      const view = await openedView(app.slack);
      expect(view.callback_id).toBe('lead_new');
      const reply = await app.driver.submitView(view, stateValues(view, { name: 'Delta Co', owner: caller.id }), { user: caller });
      expect(reply.json).toBeUndefined();
      expect(String((await app.slack.waitForCall('chat.postEphemeral')).args.text)).toMatch(/^Lead \*\d{11}\* Delta Co added, owned by <@U0\w+>\.$/);
      const created = await app.database.db.lead.findFirstOrThrow();
      expect(created).toMatchObject({ name: 'Delta Co', ownerId: caller.id, createdById: caller.id, stage: 'ACQUIRED', version: 1 });
      expect((await journalOf(app.database.db, created.id)).map((entry) => [entry.kind, entry.byId, entry.via])).toEqual([['created', caller.id, 'slack']]);
    });

    it('a rep cannot even open the edit form of someone else\'s lead; the owner can', async () => {
      const seeded = await seedLead(app, { ownerId: OTHER_REP.id });
      expect(await command(app, `edit ${seeded.number}`, REP)).toBe(onlyOwnerOrManager(OTHER_REP, `edit ${seeded.number}`));
      expect(app.slack.callsOf('views.open')).toHaveLength(0);
      await command(app, `edit ${seeded.number}`, OTHER_REP);
      expect((await openedView(app.slack)).callback_id).toBe('lead_edit');
    });

    it('a rep cannot open the win or loss form of someone else\'s lead from the command', async () => {
      const seeded = await seedLead(app, { ownerId: OTHER_REP.id });
      expect(await command(app, `lose ${seeded.number}`, REP)).toBe(onlyOwnerOrManager(OTHER_REP, `mark ${seeded.number} lost`));
      expect(app.slack.callsOf('views.open')).toHaveLength(0);
    });
  });

  describe('goals', () => {
    const goalValues = { goal_metric: 'NEW_LEADS', goal_target: '160', goal_period: 'this-month' };

    it.each(['manager', 'admin'] as const)('/lead goal set opens the goal form for a %s, and saving it sets the goal', async (role) => {
      const caller = CALLER[role];
      expect((await app.driver.command('goal set', { user: caller })).status).toBe(200);
      const view = await openedView(app.slack);
      expect(view.callback_id).toBe('goal_set');
      await app.driver.submitView(view, stateValues(view, goalValues), { user: caller });
      await app.slack.waitForCall('chat.postEphemeral');
      expect(await app.database.db.goal.findMany({ select: { metric: true, target: true, createdById: true } })).toEqual([{ metric: 'NEW_LEADS', target: '160', createdById: caller.id }]);
      expect(await app.database.db.activity.findMany({ select: { kind: true, byId: true, via: true, leadId: true } })).toEqual([{ kind: 'goal', byId: caller.id, via: 'slack', leadId: null }]);
    });

    it('/lead goal set is refused for a rep: no form opens', async () => {
      const reply = await app.driver.command('goal set', { user: REP });
      expect(reply.json?.text).toBe(onlyManager('set or close goals'));
      expect(app.slack.callsOf('views.open')).toHaveLength(0);
    });

    it('a rep who submits a goal form (opened by a manager) sets no goal', async () => {
      await app.driver.command('goal set', { user: MANAGER });
      const view = await openedView(app.slack);
      const told = app.slack.callsOf('chat.postEphemeral').length;
      await app.driver.submitView(view, stateValues(view, goalValues), { user: REP });
      const message = await app.slack.waitFor(() => app.slack.callsOf('chat.postEphemeral')[told]);
      expect(message.args.text).toBe(onlyManager('set or close goals'));
      expect(await app.database.db.goal.count()).toBe(0);
      expect(await app.database.db.activity.count()).toBe(0);
    });

    it('a rep who presses Close on a goal does not close it', async () => {
      await app.driver.command('goal set', { user: MANAGER });
      const view = await openedView(app.slack);
      await app.driver.submitView(view, stateValues(view, goalValues), { user: MANAGER });
      await app.slack.waitForCall('chat.postEphemeral');
      const goal = await app.database.db.goal.findFirstOrThrow();
      const responseUrl = app.slack.responseUrl('close');
      await app.driver.clickButton({ action_id: 'goal_close', value: String(goal.id) }, { user: REP, responseUrl });
      const answer = await app.slack.waitForResponse((response) => response.id === 'close', 15_000);
      expect(answer.body.text).toBe(onlyManager('set or close goals'));
      expect((await app.database.db.goal.findUniqueOrThrow({ where: { id: goal.id } })).status).toBe('ACTIVE');
      expect((await app.database.db.activity.findMany({ select: { kind: true, byId: true } }))).toEqual([{ kind: 'goal', byId: MANAGER.id }]);
    });
  });

  describe('/lead role', () => {
    it.each(['rep', 'manager'] as const)('is refused for a %s, and records nothing', async (role) => {
      const reply = await command(app, `role <@${NEWCOMER.id}|new> manager`, CALLER[role]);
      expect(reply).toBe(onlyAdmin('give roles'));
      expect(await app.database.db.member.findUnique({ where: { workspaceId_userId: { workspaceId: FAKE_TEAM.id, userId: NEWCOMER.id } } })).toBeNull();
      expect(await app.database.db.activity.count()).toBe(0);
    });

    it('a TEAM_ADMINS user is an admin with no role recorded: gives a role, journalled with who and via', async () => {
      expect(await app.database.db.member.findUnique({ where: { workspaceId_userId: { workspaceId: FAKE_TEAM.id, userId: ADMIN.id } } })).toBeNull();
      expect(blockText((await app.driver.command('help', { user: ADMIN })).json)).toContain('You are a admin here.');
      expect(await command(app, `role <@${NEWCOMER.id}|new> manager`, ADMIN)).toBe(`<@${NEWCOMER.id}> is now a manager.`);
      expect(await app.database.db.member.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: FAKE_TEAM.id, userId: NEWCOMER.id } } })).toMatchObject({ role: 'manager' });
      const entries = await app.database.db.activity.findMany({ where: { kind: 'role' } });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ workspaceId: FAKE_TEAM.id, leadId: null, byId: ADMIN.id, via: 'slack', leadVersion: null });
      expect(entries[0]!.at).toEqual(NOW);
      expect(JSON.parse(entries[0]!.before!)).toEqual({ userId: NEWCOMER.id, role: null });
      expect(JSON.parse(entries[0]!.after!)).toEqual({ userId: NEWCOMER.id, role: 'manager' });
    });

    it('an admin makes someone a manager, who may then reassign a lead that was refused to them before', async () => {
      const seeded = await seedLead(app, { ownerId: REP.id });
      const assign = `assign ${seeded.number} <@${OTHER_REP.id}|lei>`;
      expect(await command(app, assign, NEWCOMER)).toBe(onlyManager(`reassign ${seeded.number}`));
      expect((await lead(seeded.id)).ownerId).toBe(REP.id);

      await command(app, `role <@${NEWCOMER.id}|new> manager`, ADMIN);
      expect(await command(app, assign, NEWCOMER)).toBe(`Lead *${seeded.number}* Acme Robotics is now owned by <@${OTHER_REP.id}>.`);
      expect((await lead(seeded.id)).ownerId).toBe(OTHER_REP.id);
      expect((await journalOf(app.database.db, seeded.id)).at(-1)).toMatchObject({ kind: 'owner', byId: NEWCOMER.id, via: 'slack' });

      // And back: made a rep again, they may not.
      await command(app, `role <@${NEWCOMER.id}|new> rep`, ADMIN);
      expect(await command(app, `assign ${seeded.number} <@${REP.id}|mei>`, NEWCOMER)).toBe(onlyManager(`reassign ${seeded.number}`));
      expect((await lead(seeded.id)).ownerId).toBe(OTHER_REP.id);
    });

    it('an admin listed in TEAM_ADMINS stays an admin when given another role', async () => {
      expect(await command(app, `role <@${ADMIN.id}|admin> rep`, ADMIN)).toBe(`<@${ADMIN.id}> is now a rep. They stay an admin all the same: TEAM_ADMINS lists them.`);
      expect(await command(app, `role <@${NEWCOMER.id}|new> manager`, ADMIN)).toBe(`<@${NEWCOMER.id}> is now a manager.`);
    });

    it('with TEAM_ADMINS set, a Slack workspace admin is only a rep', async () => {
      await app.database.db.member.create({ data: { workspaceId: FAKE_TEAM.id, userId: NEWCOMER.id, name: 'owner', slackAdmin: true, fetchedAt: NOW } });
      expect(await command(app, `role <@${REP.id}|mei> manager`, NEWCOMER)).toBe(onlyAdmin('give roles'));
      const seeded = await seedLead(app, { ownerId: REP.id });
      expect(await command(app, `assign ${seeded.number} <@${OTHER_REP.id}|lei>`, NEWCOMER)).toBe(onlyManager(`reassign ${seeded.number}`));
      expect(await command(app, 'team', NEWCOMER)).toBe(`*admin*: <@${ADMIN.id}> (from TEAM_ADMINS)\n*manager*: <@${MANAGER.id}>\n*rep*: everyone else\nYou are a rep.`);
    });

    it('a Slack admin by users.info is still only a rep when TEAM_ADMINS is set', async () => {
      app.slack.answerNext('users.info', slackAdminAnswer);
      expect(await command(app, `role <@${REP.id}|mei> manager`, NEWCOMER)).toBe(onlyAdmin('give roles'));
      expect(await app.database.db.member.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: FAKE_TEAM.id, userId: NEWCOMER.id } } })).toMatchObject({ slackAdmin: true, role: null });
    });
  });

  describe('/lead team and /lead help', () => {
    it('/lead team lists the admins and the managers, and the caller\'s own role', async () => {
      await command(app, `role <@${NEWCOMER.id}|new> admin`, ADMIN);
      expect(await command(app, 'team', REP)).toBe(
        `*admin*: <@${ADMIN.id}>, <@${NEWCOMER.id}> (from TEAM_ADMINS)\n*manager*: <@${MANAGER.id}>\n*rep*: everyone else\nYou are a rep.`,
      );
      expect(await command(app, 'team', MANAGER)).toContain('\nYou are a manager.');
    });

    it('/lead help for a rep lists what a rep may do and omits assign, role and goal set', async () => {
      const text = blockText((await app.driver.command('help', { user: REP })).json);
      for (const line of ['`/lead new', '`/lead advance', '`/lead lose', '`/lead win', '`/lead edit', '`/lead undo', '`/lead reopen', '`/lead team', '`/lead goals` — progress of the team\'s goals']) {
        expect(text).toContain(line);
      }
      for (const line of ['`/lead assign', '`/lead role', '`/lead goal set`']) expect(text).not.toContain(line);
      expect(text).toContain('You are a rep here.');
    });

    it('/lead help for a manager adds assign and goal set, not role', async () => {
      const text = blockText((await app.driver.command('help', { user: MANAGER })).json);
      expect(text).toContain('`/lead assign &lt;number&gt; @user` — hand a lead to someone else');
      expect(text).toContain('`/lead goal set` — set a goal');
      expect(text).not.toContain('`/lead role');
      expect(text).toContain('You are a manager here.');
    });

    it('/lead help for an admin includes assign and role', async () => {
      const text = blockText((await app.driver.command('help', { user: ADMIN })).json);
      expect(text).toContain('`/lead assign &lt;number&gt; @user` — hand a lead to someone else');
      expect(text).toContain('`/lead role @user rep|manager|admin` — give someone a role');
      expect(text).toContain('`/lead goal set` — set a goal');
      expect(text).toContain('You are a admin here.');
    });
  });

  describe('in the caller\'s language', () => {
    const WANG = { id: 'U0WANG', name: 'wang.fang', realName: '王芳', locale: 'zh-CN', timeZone: 'Asia/Shanghai' };
    beforeAll(() => {
      app.slack.people.set(WANG.id, WANG);
    });

    it('a rep whose Slack is in 中文 is refused in 中文, naming the owner', async () => {
      const seeded = await seedLead(app, { ownerId: REP.id });
      const before = await lead(seeded.id);
      expect(await command(app, `advance ${seeded.number}`, WANG)).toBe(`只有负责人（<@${REP.id}>）或经理可以推进 ${seeded.number}。本次未做任何修改。`);
      expect(await command(app, `assign ${seeded.number} <@${WANG.id}|wang>`, WANG)).toBe(`只有经理可以转交 ${seeded.number}。本次未做任何修改；\`/lead team\` 可查看谁是经理。`);
      expect(await command(app, `role <@${WANG.id}|wang> admin`, WANG)).toBe('只有管理员可以设置角色。本次未做任何修改；`/lead team` 可查看谁是管理员。');
      expect(await lead(seeded.id)).toEqual(before);
      expect((await journalOf(app.database.db, seeded.id)).map((entry) => entry.kind)).toEqual(['created']);
    });
  });
});

describe.each(DATABASES)('without TEAM_ADMINS, Slack\'s workspace admins and owners are the admins (%s)', (kind) => {
  let app: TestApp;
  const OWNER: Person = { id: 'U0OWNER', name: 'owner' };
  beforeAll(async () => {
    app = await startRolesApp(kind, []);
  });
  afterAll(() => app?.close());
  beforeEach(() => cleanSlate(app, { manager: false }));

  it('someone users.info calls is_admin / is_owner gives roles; the one they made manager reassigns', async () => {
    app.slack.answerNext('users.info', slackAdminAnswer);
    expect(await command(app, `role <@${NEWCOMER.id}|new> manager`, OWNER)).toBe(`<@${NEWCOMER.id}> is now a manager.`);
    expect(app.slack.callsOf('users.info').map((call) => call.args.user)).toEqual([OWNER.id]);
    expect(await app.database.db.member.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: FAKE_TEAM.id, userId: OWNER.id } } })).toMatchObject({ slackAdmin: true, role: null });
    expect((await app.database.db.activity.findFirstOrThrow({ where: { kind: 'role' } })).byId).toBe(OWNER.id);

    const seeded = await seedLead(app, { ownerId: REP.id });
    expect(await command(app, `assign ${seeded.number} <@${OTHER_REP.id}|lei>`, NEWCOMER)).toBe(`Lead *${seeded.number}* Acme Robotics is now owned by <@${OTHER_REP.id}>.`);
    expect(await command(app, 'team', REP)).toBe(`*admin*: <@${OWNER.id}>\n*manager*: <@${NEWCOMER.id}>\n*rep*: everyone else\nYou are a rep.`);
  });

  it('a member row that says slackAdmin makes an admin; one that does not, a rep', async () => {
    await app.database.db.member.createMany({
      data: [
        { workspaceId: FAKE_TEAM.id, userId: OWNER.id, name: 'owner', slackAdmin: true, fetchedAt: NOW },
        { workspaceId: FAKE_TEAM.id, userId: REP.id, name: 'mei', slackAdmin: false, fetchedAt: NOW },
      ],
    });
    expect(await command(app, `role <@${REP.id}|mei> admin`, REP)).toBe(onlyAdmin('give roles'));
    expect(await command(app, `role <@${REP.id}|mei> manager`, OWNER)).toBe(`<@${REP.id}> is now a manager.`);
    expect(blockText((await app.driver.command('help', { user: OWNER })).json)).toContain('`/lead role @user rep|manager|admin`');
    // Nobody consulted Slack: both profiles were fresh.
    expect(app.slack.callsOf('users.info')).toHaveLength(0);
  });

  it('a person Slack does not call an admin is a rep', async () => {
    expect(await command(app, `role <@${REP.id}|mei> manager`, OTHER_REP)).toBe(onlyAdmin('give roles'));
    expect(await app.database.db.member.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: FAKE_TEAM.id, userId: OTHER_REP.id } } })).toMatchObject({ slackAdmin: false, role: null });
    expect(await app.database.db.activity.count()).toBe(0);
  });
});
