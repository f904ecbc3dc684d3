import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/app/caller.js';
import { editLead } from '../../src/app/leads.js';
import { CHANNEL } from '../../src/playground/driver.js';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { DATABASES } from '../support/databases.js';
import { blockText, buttonsOf, journalOf, seedLead } from '../support/leads.js';
import { openedView, stateValues, type OpenedView } from '../support/modals.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Change, correct, take back, through signed requests: `/lead undo`, `/lead reopen`
 * and the edit form, with what each writes to the lead and to its journal.
 */

type Person = { id: string; name: string };
const MEI: Person = { id: 'U0MEI', name: 'mei' };
const LEI: Person = { id: 'U0LEI', name: 'lei' };
const BOSS: Person = { id: 'U0BOSS', name: 'boss' };

/** 10:00 in Shanghai; each step of a story is some minutes after it. */
const START = Date.parse('2026-11-20T02:00:00Z');
const minute = (n: number) => new Date(START + n * 60_000);

/** The values an opened modal shows, as Slack submits them when nobody touches them. */
function shownValues(view: OpenedView): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const block of view.blocks as Array<{ type: string; block_id?: string; element?: Record<string, any> }>) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const element = block.element;
    if (element.initial_value !== undefined) values[block.block_id] = element.initial_value;
    else if (element.initial_option) values[block.block_id] = element.initial_option.value;
    else if (element.initial_date) values[block.block_id] = element.initial_date;
  }
  return values;
}

function inputOf(view: OpenedView, blockId: string) {
  return (view.blocks as Array<{ block_id?: string; element?: Record<string, any>; label?: { text: string } }>).find((block) => block.block_id === blockId);
}

describe.each(DATABASES)('undo, reopen and edit from Slack (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(kind, { timeZone: 'Asia/Shanghai' });
    await app.services.workspaces.get(FAKE_TEAM.id);
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    app.setNow(minute(0));
    app.slack.clear();
    const { db } = app.database;
    await db.activity.deleteMany();
    await db.lead.deleteMany();
    await db.leadNumberSequence.deleteMany();
    await db.member.deleteMany();
    await db.member.create({ data: { workspaceId: FAKE_TEAM.id, userId: BOSS.id, name: BOSS.name, role: 'manager', fetchedAt: minute(0) } });
  });

  const row = (id: number) => app.database.db.lead.findUniqueOrThrow({ where: { id } });
  const lossReasonKeys = async (leadId: number) =>
    (await app.database.db.leadTag.findMany({ where: { leadId, tag: { kind: 'LOSS_REASON' } }, include: { tag: true } })).map(({ tag }) => tag.key).sort();
  async function say(text: string, user: Person = MEI, at?: number): Promise<string> {
    if (at !== undefined) app.setNow(minute(at));
    const reply = await app.driver.command(text, { user });
    expect(reply.status).toBe(200);
    return String(reply.json?.text);
  }
  /** Opens the edit form of a lead as `user`. */
  async function openEdit(number: string, user: Person = MEI): Promise<OpenedView> {
    const opened = app.slack.callsOf('views.open').length;
    await app.driver.command(`edit ${number}`, { user });
    return openedView(app.slack, opened);
  }
  /**
   * Submits the edit form with what it shows, `changes` on top; resolves with the
   * acknowledgement, and once a saved form's news has reached the person (it is posted
   * after the acknowledgement), so that no message of one story lands in the next.
   */
  async function submitEdit(view: OpenedView, changes: Record<string, unknown>, user: Person = MEI) {
    const told = app.slack.callsOf('chat.postEphemeral').length;
    const reply = await app.driver.submitView(view, stateValues(view, { ...shownValues(view), ...changes }), { user });
    if (reply.json === undefined) await app.slack.waitFor(() => app.slack.callsOf('chat.postEphemeral')[told]);
    return reply;
  }

  describe('/lead undo', () => {
    it('undoes a jump ACQUIRED → PROPOSAL: the stage comes back and the three timestamps it set are null again', async () => {
      const lead = await seedLead(app);
      await say(`advance ${lead.number} proposal`, MEI, 5);
      expect(await row(lead.id)).toMatchObject({ stage: 'PROPOSAL', contactedAt: minute(5), discoveryAt: minute(5), proposalAt: minute(5) });

      expect(await say(`undo ${lead.number}`, MEI, 6)).toBe(`Undone on lead *${lead.number}*: Proposal → Acquired.`);
      expect(await row(lead.id)).toMatchObject({ stage: 'ACQUIRED', contactedAt: null, discoveryAt: null, proposalAt: null, negotiationAt: null, version: 3 });

      const journal = await journalOf(app.database.db, lead.id);
      expect(journal.map((entry) => [entry.kind, entry.byId, entry.via])).toEqual([['created', MEI.id, 'system'], ['stage', MEI.id, 'slack'], ['revert', MEI.id, 'slack']]);
      const [, jump, revert] = journal;
      // The jump stays in the journal as it was; the revert points at it and writes its "before" back.
      // A move counts as a contact: the next one is due by Proposal's cadence, three days on (Monday 23rd, Shanghai).
      expect(jump!.after).toEqual({
        stage: 'PROPOSAL', contactedAt: minute(5).toISOString(), discoveryAt: minute(5).toISOString(), proposalAt: minute(5).toISOString(),
        lastFollowUpAt: minute(5).toISOString(), nextFollowUpAt: '2026-11-22T16:00:00.000Z',
      });
      expect(revert!.revertsId).toBe(jump!.id);
      expect(revert!.before).toEqual(jump!.after);
      expect(revert!.after).toEqual(jump!.before);
      expect(revert!.after).toEqual({ stage: 'ACQUIRED', contactedAt: null, discoveryAt: null, proposalAt: null, lastFollowUpAt: null, nextFollowUpAt: null });
    });

    it('clears only what the jump set: a stage reached before it keeps its time', async () => {
      const lead = await seedLead(app);
      await say(`advance ${lead.number}`, MEI, 5);
      await say(`advance ${lead.number} proposal`, MEI, 30);
      await say(`undo ${lead.number}`, MEI, 31);
      expect(await row(lead.id)).toMatchObject({ stage: 'CONTACTED', contactedAt: minute(5), discoveryAt: null, proposalAt: null });
    });

    it('undoes a loss: the open stage it left, lostAt null, the loss reasons gone', async () => {
      const lead = await seedLead(app);
      await say(`advance ${lead.number} discovery`, MEI, 5);
      await say(`lose ${lead.number} budget "competitor cheaper"`, MEI, 10);
      expect(await lossReasonKeys(lead.id)).toEqual(['budget', 'competitor_cheaper']);
      expect((await row(lead.id)).lostAt).toEqual(minute(10));

      // The reply names the change undone; the timeline, the revert's own move.
      const told = await say(`undo ${lead.number}`, MEI, 11);
      expect(told).toBe(`Undone on lead *${lead.number}*: Lost → Discovery.`);
      expect(await row(lead.id)).toMatchObject({ stage: 'DISCOVERY', lostAt: null, discoveryAt: minute(5) });
      expect(await lossReasonKeys(lead.id)).toEqual([]);
      const revert = (await journalOf(app.database.db, lead.id)).at(-1)!;
      expect(revert).toMatchObject({ kind: 'revert', after: { stage: 'DISCOVERY', lostAt: null, lossReasons: [] } });
      // The card no longer lists reasons, and its timeline says what was undone.
      const card = blockText((await app.driver.command(`show ${lead.number}`)).json);
      expect(card).not.toContain('Loss reasons');
      expect(card).toContain('<@U0MEI> undid a change: Lost → Discovery · <!date^');
    });

    it('undoes a reassign', async () => {
      const lead = await seedLead(app);
      await say(`assign ${lead.number} <@U0LEI|lei>`, BOSS, 5);
      expect((await row(lead.id)).ownerId).toBe(LEI.id);
      expect(await say(`undo ${lead.number}`, BOSS, 6)).toBe(`Undone on lead *${lead.number}*: owner <@U0LEI> → <@U0MEI>.`);
      expect((await row(lead.id)).ownerId).toBe(MEI.id);
      const [, assign, revert] = await journalOf(app.database.db, lead.id);
      expect(revert).toMatchObject({ kind: 'revert', byId: BOSS.id, revertsId: assign!.id, before: { ownerId: LEI.id }, after: { ownerId: MEI.id } });
    });

    it('undo twice steps back twice, then there is nothing left to undo', async () => {
      const lead = await seedLead(app);
      await say(`advance ${lead.number}`, MEI, 5);
      await say(`advance ${lead.number}`, MEI, 10);
      await say(`undo ${lead.number}`, MEI, 15);
      expect(await row(lead.id)).toMatchObject({ stage: 'CONTACTED', contactedAt: minute(5), discoveryAt: null });
      await say(`undo ${lead.number}`, MEI, 16);
      expect(await row(lead.id)).toMatchObject({ stage: 'ACQUIRED', contactedAt: null, discoveryAt: null });
      expect(await say(`undo ${lead.number}`, MEI, 17)).toBe(
        `Nothing of yours to undo on lead ${lead.number} from the last 24 hours. Undo takes back your own last change within a day; a manager can undo anyone's.`,
      );
      const journal = await journalOf(app.database.db, lead.id);
      expect(journal.map((entry) => entry.kind)).toEqual(['created', 'stage', 'stage', 'revert', 'revert']);
      // The latest first: the second undo took back the first advance.
      expect(journal.map((entry) => entry.revertsId)).toEqual([null, null, null, journal[2]!.id, journal[1]!.id]);
    });

    it('a rep cannot undo someone else\'s change (and is told who can); a manager can', async () => {
      const lead = await seedLead(app);
      await say(`advance ${lead.number}`, MEI, 5);
      const before = await row(lead.id);
      expect(await say(`undo ${lead.number}`, LEI, 6)).toBe(
        `Only a manager can undo someone else's change to ${lead.number}. Nothing was changed; \`/lead team\` shows who the managers are.`,
      );
      expect(await row(lead.id)).toEqual(before);
      expect((await journalOf(app.database.db, lead.id)).map((entry) => entry.kind)).toEqual(['created', 'stage']);

      expect(await say(`undo ${lead.number}`, BOSS, 7)).toBe(`Undone on lead *${lead.number}*: Contacted → Acquired.`);
      expect((await row(lead.id)).stage).toBe('ACQUIRED');
      expect((await journalOf(app.database.db, lead.id)).at(-1)).toMatchObject({ kind: 'revert', byId: BOSS.id, via: 'slack' });
    });

    it('reaches back 24 hours, not further', async () => {
      const kept = await seedLead(app, { name: 'Kept' });
      const late = await seedLead(app, { name: 'Late' });
      await say(`advance ${kept.number}`, MEI, 0);
      await say(`advance ${late.number}`, MEI, 0);
      expect(await say(`undo ${kept.number}`, MEI, 24 * 60)).toBe(`Undone on lead *${kept.number}*: Contacted → Acquired.`);
      expect(await say(`undo ${late.number}`, MEI, 24 * 60 + 1)).toBe(
        `Nothing of yours to undo on lead ${late.number} from the last 24 hours. Undo takes back your own last change within a day; a manager can undo anyone's.`,
      );
      expect((await row(late.id)).stage).toBe('CONTACTED');
      // Not for a manager either.
      expect(await say(`undo ${late.number}`, BOSS, 24 * 60 + 2)).toContain(`Nothing of yours to undo on lead ${late.number}`);
      expect((await journalOf(app.database.db, late.id)).map((entry) => entry.kind)).toEqual(['created', 'stage']);
    });

    it('is refused when someone else changed the same fields later, and changes nothing', async () => {
      const lead = await seedLead(app);
      await say(`advance ${lead.number}`, MEI, 5);
      await say(`advance ${lead.number}`, BOSS, 10);
      const before = await row(lead.id);
      expect(await say(`undo ${lead.number}`, MEI, 11)).toBe(
        `That change to ${lead.number} cannot be undone: <@U0BOSS> changed stage after it, and undoing would erase their change too. Edit the lead instead: \`/lead edit ${lead.number}\`.`,
      );
      expect(await row(lead.id)).toEqual(before);
      expect((await journalOf(app.database.db, lead.id)).map((entry) => entry.kind)).toEqual(['created', 'stage', 'stage']);
    });

    it('an edit of the same field later blocks the undo of an edit; one of other fields does not', async () => {
      const lead = await seedLead(app, { industry: '教育' });
      await submitEdit(await openEdit(lead.number, MEI), { industry: '医疗' }, MEI);
      app.setNow(minute(5));
      await submitEdit(await openEdit(lead.number, BOSS), { industry: '金融' }, BOSS);
      expect(await say(`undo ${lead.number}`, MEI, 6)).toBe(
        `That change to ${lead.number} cannot be undone: <@U0BOSS> changed industry after it, and undoing would erase their change too. Edit the lead instead: \`/lead edit ${lead.number}\`.`,
      );
      expect((await row(lead.id)).industry).toBe('金融');

      const other = await seedLead(app, { industry: '教育', campaign: 'SEO' });
      await say(`advance ${other.number}`, MEI, 10);
      app.setNow(minute(11));
      await submitEdit(await openEdit(other.number, BOSS), { industry: '医疗' }, BOSS);
      expect(await say(`undo ${other.number}`, MEI, 12)).toBe(`Undone on lead *${other.number}*: Contacted → Acquired.`);
      expect(await row(other.id)).toMatchObject({ stage: 'ACQUIRED', contactedAt: null, industry: '医疗' });
    });
  });

  describe('/lead reopen', () => {
    it('takes a LOST lead back to the stage it left by default: lostAt cleared, reasons removed, logged', async () => {
      const lead = await seedLead(app);
      await say(`advance ${lead.number} proposal`, MEI, 5);
      await say(`lose ${lead.number} budget`, MEI, 10);
      expect(await say(`reopen ${lead.number}`, MEI, 20)).toBe(`Reopened lead *${lead.number}* Acme Robotics: Lost → *Proposal*.`);
      expect(await row(lead.id)).toMatchObject({ stage: 'PROPOSAL', lostAt: null, proposalAt: minute(5) });
      expect(await lossReasonKeys(lead.id)).toEqual([]);
      const journal = await journalOf(app.database.db, lead.id);
      expect(journal.map((entry) => entry.kind)).toEqual(['created', 'stage', 'stage', 'reopen']);
      expect(journal.at(-1)).toMatchObject({
        byId: MEI.id,
        via: 'slack',
        before: { stage: 'LOST', lostAt: minute(10).toISOString(), lossReasons: [{ key: 'budget', label: 'No budget' }] },
        after: { stage: 'PROPOSAL', lostAt: null, lossReasons: [] },
      });
      // The loss stays in the journal.
      expect(journal[2]).toMatchObject({ kind: 'stage', after: { stage: 'LOST' } });
    });

    it('takes a lead to a named stage', async () => {
      const lead = await seedLead(app);
      await say(`advance ${lead.number} negotiation`, MEI, 5);
      await say(`lose ${lead.number} budget`, MEI, 10);
      expect(await say(`reopen ${lead.number} 需求挖掘`, MEI, 20)).toBe(`Reopened lead *${lead.number}* Acme Robotics: Lost → *Discovery*.`);
      expect(await row(lead.id)).toMatchObject({ stage: 'DISCOVERY', lostAt: null });
      expect(await lossReasonKeys(lead.id)).toEqual([]);
    });

    it('a WON lead needs a manager; the manager takes it back to where it was won from', async () => {
      const lead = await seedLead(app);
      await say(`advance ${lead.number} negotiation`, MEI, 5);
      await say(`win ${lead.number} 5000`, MEI, 10);
      const won = await row(lead.id);
      expect(await say(`reopen ${lead.number}`, MEI, 20)).toBe(
        `Only a manager can reopen ${lead.number}, a won deal. Nothing was changed; \`/lead team\` shows who the managers are.`,
      );
      expect(await row(lead.id)).toEqual(won);
      expect(await say(`reopen ${lead.number}`, BOSS, 21)).toBe(`Reopened lead *${lead.number}* Acme Robotics: Won → *Negotiation*.`);
      expect(await row(lead.id)).toMatchObject({ stage: 'NEGOTIATION', wonAt: null });
      expect((await journalOf(app.database.db, lead.id)).at(-1)).toMatchObject({ kind: 'reopen', byId: BOSS.id, before: { stage: 'WON' }, after: { stage: 'NEGOTIATION', wonAt: null } });
    });

    it('refuses to reopen an open lead, or to "reopen" to a closed stage, changing nothing', async () => {
      const lead = await seedLead(app);
      await say(`advance ${lead.number}`, MEI, 5);
      const open = await row(lead.id);
      expect(await say(`reopen ${lead.number}`, MEI, 6)).toBe(`Lead ${lead.number} is open (Contacted); only a won or lost lead can be reopened.`);
      expect(await row(lead.id)).toEqual(open);
      await say(`lose ${lead.number} budget`, MEI, 7);
      const lost = await row(lead.id);
      expect(await say(`reopen ${lead.number} won`, MEI, 8)).toBe(`Lead ${lead.number} is at Lost; it can only move forward, not to Won.`);
      expect(await row(lead.id)).toEqual(lost);
      expect((await journalOf(app.database.db, lead.id)).map((entry) => entry.kind)).toEqual(['created', 'stage', 'stage']);
    });

    it('the card of a closed lead offers Reopen (and Edit), and the button reopens it', async () => {
      const lead = await seedLead(app);
      await say(`advance ${lead.number}`, MEI, 5);
      await say(`lose ${lead.number} budget`, MEI, 10);
      app.setNow(minute(20));
      const card = (await app.driver.command(`show ${lead.number}`)).json;
      expect([...buttonsOf(card).keys()]).toEqual(['lead_reopen', 'lead_open_follow_up', 'lead_open_edit']);
      const responseUrl = app.slack.responseUrl('reopen');
      await app.driver.clickButton(buttonsOf(card).get('lead_reopen')!, { responseUrl, user: MEI });
      const replaced = await app.slack.waitForResponse((response) => response.id === 'reopen');
      expect(replaced.body.replace_original).toBe(true);
      expect(String(replaced.body.text)).toBe(`Reopened lead *${lead.number}* Acme Robotics: Lost → *Contacted*.`);
      expect([...buttonsOf(replaced.body).keys()]).toEqual(['lead_advance', 'lead_open_follow_up', 'lead_open_lose', 'lead_open_edit']);
      expect(await row(lead.id)).toMatchObject({ stage: 'CONTACTED', lostAt: null });
      expect((await journalOf(app.database.db, lead.id)).at(-1)).toMatchObject({ kind: 'reopen', byId: MEI.id, via: 'slack' });
    });

    it('the Reopen button on a won lead answers a rep with who may, and leaves the card', async () => {
      const lead = await seedLead(app);
      await say(`win ${lead.number}`, MEI, 5);
      const card = (await app.driver.command(`show ${lead.number}`)).json;
      const responseUrl = app.slack.responseUrl('won');
      await app.driver.clickButton(buttonsOf(card).get('lead_reopen')!, { responseUrl, user: MEI });
      const answer = await app.slack.waitForResponse((response) => response.id === 'won');
      expect(answer.body.replace_original).toBe(false);
      expect(answer.body.text).toBe(`Only a manager can reopen ${lead.number}, a won deal. Nothing was changed; \`/lead team\` shows who the managers are.`);
      expect((await row(lead.id)).stage).toBe('WON');
    });
  });

  describe('/lead edit', () => {
    async function fullLead() {
      const lead = await seedLead(app, {
        name: '星河教育科技',
        sourceChannel: '抖音',
        campaign: '抖音信息流',
        contentAsset: '白皮书',
        customerType: 'ENTERPRISE',
        industry: '教育',
        notes: 'Met at the booth',
        nextFollowUpAt: new Date('2026-11-24T16:00:00Z'),
      });
      return app.database.db.lead.update({
        where: { id: lead.id },
        data: { dealAmountMinor: 12000050n, acquisitionCostMinor: 80000n, budget: '50万', authority: 'CFO 王总', need: '排课系统', timeline: 'Q1' },
      });
    }

    it('shows every field, BANT included, with the lead\'s current values, and carries its version', async () => {
      const lead = await fullLead();
      const view = await openEdit(lead.number);
      expect(view.callback_id).toBe('lead_edit');
      expect(JSON.parse(view.private_metadata)).toEqual({ channelId: CHANNEL.id, number: lead.number, version: 1 });
      expect(view.blocks.filter((block) => block.type === 'input').map((block) => block.block_id)).toEqual([
        'name', 'source_channel', 'campaign', 'content_asset', 'customer_type', 'industry', 'contact_email', 'contact_phone', 'deal_amount', 'acquisition_cost', 'budget', 'authority', 'need', 'timeline', 'notes', 'next_follow_up',
      ]);
      expect(shownValues(view)).toEqual({
        name: '星河教育科技',
        source_channel: '抖音',
        campaign: '抖音信息流',
        content_asset: '白皮书',
        customer_type: 'ENTERPRISE',
        industry: '教育',
        deal_amount: '120000.5',
        acquisition_cost: '800',
        budget: '50万',
        authority: 'CFO 王总',
        need: '排课系统',
        timeline: 'Q1',
        notes: 'Met at the booth',
        next_follow_up: '2026-11-25',
      });
      expect(inputOf(view, 'budget')!.label!.text).toBe('Budget (BANT)');
      expect(inputOf(view, 'name')).toMatchObject({ optional: false });
    });

    it('saves only the fields that changed, journalled as one edit with exactly those, and the card says it in plain words', async () => {
      const lead = await fullLead();
      app.setNow(minute(5));
      const view = await openEdit(lead.number);
      const reply = await submitEdit(view, { industry: '医疗', budget: '80万' });
      expect(reply.json).toBeUndefined();
      const told = await app.slack.waitForCall('chat.postEphemeral');
      expect(told.args).toMatchObject({ channel: CHANNEL.id, user: MEI.id });
      expect(told.args.text).toBe(`Saved lead *${lead.number}*: industry, budget changed.`);

      const after = await row(lead.id);
      // The score is written with the edit: 10 enterprise + 4 industry + 4 × 6 for the BANT fullLead wrote past the store.
      expect(after).toEqual({ ...lead, industry: '医疗', budget: '80万', score: 38, version: 2, updatedAt: after.updatedAt });
      const entry = (await journalOf(app.database.db, lead.id)).at(-1)!;
      expect(entry).toMatchObject({ kind: 'edit', byId: MEI.id, via: 'slack', leadVersion: 2 });
      expect(entry.before).toEqual({ industry: '教育', budget: '50万' });
      expect(entry.after).toEqual({ industry: '医疗', budget: '80万' });
    });

    it('the card shows "changed industry 教育 → 医疗"', async () => {
      const lead = await fullLead();
      app.setNow(minute(5));
      await submitEdit(await openEdit(lead.number), { industry: '医疗' });
      const card = blockText((await app.driver.command(`show ${lead.number}`)).json);
      expect(card).toContain('• <@U0MEI> changed industry 教育 → 医疗 · <!date^');
      expect(card).toContain('*Industry*\\n医疗');
    });

    it('submitting the form unchanged saves nothing', async () => {
      const lead = await fullLead();
      await submitEdit(await openEdit(lead.number), {});
      const told = await app.slack.waitForCall('chat.postEphemeral');
      expect(told.args.text).toBe(`Nothing to save on lead ${lead.number}: every field already has that value.`);
      expect(await row(lead.id)).toEqual(lead);
      expect((await journalOf(app.database.db, lead.id)).map((entry) => entry.kind)).toEqual(['created']);
    });

    it.each([
      ['another edit', async (number: string) => {
        await submitEdit(await openEdit(number, BOSS), { industry: '金融' }, BOSS);
      }, 'industry', { industry: '金融', stage: 'ACQUIRED' }],
      ['an advance', async (number: string) => {
        await say(`advance ${number}`, BOSS);
      }, 'stage, contacted at, next follow-up, last follow-up', { industry: '教育', stage: 'CONTACTED' }],
    ] as const)('a submit over %s by someone else is refused with the form kept, naming who changed what; resubmitting saves', async (_what, meanwhile, fields, theirs) => {
      const lead = await fullLead();
      app.setNow(minute(5));
      const mine = await openEdit(lead.number, MEI);
      app.setNow(minute(6));
      await meanwhile(lead.number);
      const between = await row(lead.id);
      const journalBetween = await journalOf(app.database.db, lead.id);
      expect(between).toMatchObject({ ...theirs, version: 2 });

      app.setNow(minute(7));
      const refused = await submitEdit(mine, { industry: '医疗', need: '排课和考勤' }, MEI);
      expect(refused.json?.response_action).toBe('update');
      const view = refused.json!.view as OpenedView;
      expect(view.callback_id).toBe('lead_edit');
      expect(JSON.parse(view.private_metadata)).toEqual({ channelId: CHANNEL.id, number: lead.number, version: 2 });
      expect(blockText(view)).toContain(
        `:warning: Lead ${lead.number} changed while you were editing: <@U0BOSS> changed ${fields}. Nothing was saved yet. Your values are still here; check them and save again to apply them.`,
      );
      // What Mei typed is in the form, not what Boss saved.
      expect(shownValues(view)).toMatchObject({ industry: '医疗', need: '排课和考勤', budget: '50万', name: '星河教育科技' });
      // A field Mei left as shown takes what the others saved: an advance's new follow-up day is not overwritten unseen.
      expect(shownValues(view).next_follow_up).toBe(between.nextFollowUpAt!.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }));
      expect(await row(lead.id)).toEqual(between);
      expect(await journalOf(app.database.db, lead.id)).toEqual(journalBetween);
      expect(app.slack.callsOf('chat.postEphemeral').filter((call) => call.args.user === MEI.id)).toHaveLength(0);

      app.setNow(minute(8));
      const saved = await submitEdit(view, {}, MEI);
      expect(saved.json).toBeUndefined();
      expect(await row(lead.id)).toMatchObject({ industry: '医疗', need: '排课和考勤', stage: theirs.stage, version: 3 });
      const entry = (await journalOf(app.database.db, lead.id)).at(-1)!;
      expect(entry).toMatchObject({ kind: 'edit', byId: MEI.id, leadVersion: 3 });
      expect(entry.before).toEqual({ industry: theirs.industry, need: '排课系统' });
      expect(entry.after).toEqual({ industry: '医疗', need: '排课和考勤' });
    });

    it('refuses an emptied name, a 600-character budget and an amount "abc" beside their inputs, saving nothing', async () => {
      const lead = await fullLead();
      const view = await openEdit(lead.number);
      const reply = await submitEdit(view, { name: '   ', budget: 'x'.repeat(600), deal_amount: 'abc', industry: '医疗' });
      expect(reply.json).toEqual({
        response_action: 'errors',
        errors: { name: 'Name is required.', budget: 'Budget: at most 500 characters.', deal_amount: 'Deal amount: that is not a valid value.' },
      });
      expect(await row(lead.id)).toEqual(lead);
      expect((await journalOf(app.database.db, lead.id)).map((entry) => entry.kind)).toEqual(['created']);
      expect(app.slack.callsOf('chat.postEphemeral')).toHaveLength(0);
    });
  });

  describe('the card\'s timeline', () => {
    it('shows the latest ten entries, oldest of them first, then says how many more there are', async () => {
      const lead = await seedLead(app, { notes: 'note 0' });
      const workspace = await app.services.workspaces.get(FAKE_TEAM.id);
      for (let i = 1; i <= 11; i++) {
        const caller: Caller = { workspace, userId: MEI.id, role: 'rep', now: minute(i), via: 'slack' };
        const { version } = await row(lead.id);
        await editLead(caller, app.database.db, { number: lead.number, version, draft: { notes: `note ${i}` } });
      }
      expect(await app.database.db.activity.count({ where: { leadId: lead.id } })).toBe(12);
      app.setNow(minute(20));
      const card = (await app.driver.command(`show ${lead.number}`)).json as { blocks: Array<{ type: string; text?: { text: string } }> };
      const timeline = card.blocks.find((block) => block.text?.text.startsWith('*Timeline*'))!.text!.text.split('\n');
      expect(timeline[0]).toBe('*Timeline*');
      expect(timeline[1]).toBe('…and 2 more.');
      expect(timeline.slice(2).map((line) => line.replace(/ · <!date\^.*$/, ''))).toEqual(
        Array.from({ length: 10 }, (_, i) => `• <@U0MEI> changed notes note ${i + 1} → note ${i + 2}`),
      );
    });
  });
});
