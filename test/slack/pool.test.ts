import { describe, expect, it } from 'vitest';
import { overdueDigestModel } from '../../src/digests/overdue-digest.js';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { DATABASES } from '../support/databases.js';
import { blockText, buttonsOf, journalOf, seedLead } from '../support/leads.js';
import { expectWithinSlackLimits } from '../support/slack-limits.js';
import { MEI, WANG } from '../support/people.js';
import { slackAppFor } from '../support/slack-app.js';
import type { TestApp } from '../support/test-app.js';

/**
 * The team pool (公海) through signed requests: a zombie released from `/lead due`, the
 * pool listed, two reps claiming at once (one wins, the other hears who), and what a
 * pooled lead is to everyone's lists.
 */

type Person = { id: string; name: string };
const LEI: Person = { id: 'U0LEI', name: 'lei' };

/** 23:30 UTC on Wednesday 2 December: Thursday 3 December, 07:30, in Shanghai. */
const NOW = new Date('2026-12-02T23:30:00Z');
const shanghaiDay = (iso: string) => new Date(`${iso}T00:00:00+08:00`);
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

describe.each(DATABASES)('the team pool (%s)', (kind) => {
  let app: TestApp;
  slackAppFor(kind, NOW, (started) => (app = started));

  const row = (id: number) => app.database.db.lead.findUniqueOrThrow({ where: { id } });
  async function zombie(ownerId = MEI.id, name = 'Ghost Co') {
    const lead = await seedLead(app, { ownerId, name, acquiredAt: daysBefore(60) });
    return app.database.db.lead.update({ where: { id: lead.id }, data: { stage: 'CONTACTED', contactedAt: daysBefore(40), nextFollowUpAt: shanghaiDay('2026-10-30') } });
  }
  async function say(text: string, user: Person | typeof WANG = MEI) {
    const reply = await app.driver.command(text, { user });
    expect(reply.status).toBe(200);
    return reply.json as { text: string; blocks: unknown[] };
  }
  const overdueNumbers = async () =>
    (await overdueDigestModel(app.database, await app.services.workspaces.get(FAKE_TEAM.id), NOW, async () => new Map())).leads.map((lead) => lead.number);

  it('releases a zombie from /lead due: journaled, out of everyone\'s due lists and the overdue digest, in the pool with Claim', async () => {
    const lead = await zombie();
    expect(await overdueNumbers()).toEqual([lead.number]);
    const due = await say('due');
    const buttons = buttonsOf({ blocks: (due.blocks as Array<{ block_id?: string }>).filter((block) => block.block_id === `lead_actions_${lead.number}`) });
    const responseUrl = app.slack.responseUrl('release');
    await app.driver.clickButton(buttons.get('lead_release')!, { responseUrl, user: MEI });
    const answer = await app.slack.waitForResponse((response) => response.id === 'release');
    expect(String(answer.body.text)).toBe(`*${lead.number}* Ghost Co is back in the team pool; any rep can claim it.`);

    expect(await row(lead.id)).toMatchObject({ pooledAt: NOW, ownerId: MEI.id, nextFollowUpAt: null });
    const entries = await journalOf(app.database.db, lead.id);
    expect(entries.at(-1)).toMatchObject({ kind: 'pool', byId: MEI.id, via: 'slack' });
    expect(entries.at(-1)!.after).toEqual({ pooledAt: NOW.toISOString(), nextFollowUpAt: null });
    expect(blockText(answer.body)).toContain('In the team pool since');

    expect(blockText(await say('due'))).not.toContain(lead.number);
    expect(await overdueNumbers()).toEqual([]);
    const pool = await say('pool', LEI);
    expectWithinSlackLimits(pool as never);
    expect(blockText(pool)).toContain('*The team pool* (1)');
    expect(blockText(pool)).toContain(`*${lead.number}* Ghost Co · Contacted · in the pool since`);
    expect(blockText(pool)).toContain('last with <@U0MEI>');
    expect(blockText(pool)).toContain('"action_id":"lead_claim"');
  });

  it('a click in the morning DM, a posted message, answers under it and leaves the rest of the day in place', async () => {
    const lead = await zombie();
    const due = await say('due');
    const release = buttonsOf({ blocks: (due.blocks as Array<{ block_id?: string }>).filter((block) => block.block_id === `lead_actions_${lead.number}`) }).get('lead_release')!;
    const responseUrl = app.slack.responseUrl('from-dm');
    await app.driver.blockAction({
      user: MEI,
      responseUrl,
      message: { channel: { id: 'D0MEI', name: 'mei' }, ts: '1764712800.000100', ephemeral: false },
      action: { type: 'button', action_id: release.action_id, block_id: release.block_id, text: { type: 'plain_text', text: 'Release to the pool' }, value: release.value },
    });
    const answer = await app.slack.waitForResponse((response) => response.id === 'from-dm');
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(answer.body.text)).toContain('is back in the team pool');
  });

  it('a rep cannot move a pooled lead before claiming it, and nothing changes', async () => {
    const lead = await zombie();
    await say(`release ${lead.number}`);
    const before = await row(lead.id);
    const reply = await say(`advance ${lead.number}`, LEI);
    expect(reply.text).toBe(`Lead ${lead.number} is in the team pool, nobody's for now: claim it first with \`/lead claim ${lead.number}\`. Nothing was changed.`);
    expect(await row(lead.id)).toEqual(before);
    // The last holder too: a pooled lead is nobody's.
    expect((await say(`advance ${lead.number}`)).text).toContain('is in the team pool');
  });

  it('two reps claim at once: one gets it, due today and no zombie; the other is told who did; one claim in the journal', async () => {
    const lead = await zombie();
    await say(`release ${lead.number}`);
    const [lei, wang] = await Promise.all([say(`claim ${lead.number}`, LEI), say(`claim ${lead.number}`, WANG)]);
    const after = await row(lead.id);
    const winner = after.ownerId === LEI.id ? lei : wang;
    const loser = winner === lei ? wang : lei;
    expect([LEI.id, WANG.id]).toContain(after.ownerId);
    expect(after).toMatchObject({ pooledAt: null, claimedAt: NOW, nextFollowUpAt: shanghaiDay('2026-12-03') });
    expect(winner.text).toMatch(new RegExp(`${lead.number}.*Ghost Co`));
    if (loser === lei) expect(loser.text).toBe(`<@U0WANG> claimed *${lead.number}* first. Nothing was changed; \`/lead pool\` shows what is left.`);
    else expect(loser.text).toBe(`<@U0LEI> 已先领取了 \u200b*${lead.number}*\u200b。本次未做任何修改；\`/lead pool\` 可查看剩下的线索。`);
    const claims = (await journalOf(app.database.db, lead.id)).filter((entry) => entry.kind === 'pool' && entry.after?.ownerId);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ byId: after.ownerId });

    // Claimed means taken on: due today for the winner, not a zombie, and out of the pool.
    const due = blockText(await say('due', winner === lei ? LEI : WANG));
    expect(due).toContain(lead.number);
    expect(due).not.toContain(winner === lei ? 'Zombies' : '僵尸线索');
    expect((await say('pool', MEI)).text).toBe('The team pool is empty: every open lead has an owner. :tada:');
  });

  it('a manager handing out a pooled lead takes it from the pool for the new owner', async () => {
    const lead = await zombie();
    await say(`release ${lead.number}`);
    await app.database.db.member.upsert({
      where: { workspaceId_userId: { workspaceId: FAKE_TEAM.id, userId: 'U0BOSS' } },
      create: { workspaceId: FAKE_TEAM.id, userId: 'U0BOSS', name: 'boss', role: 'manager', fetchedAt: NOW },
      update: { role: 'manager' },
    });
    await say(`assign ${lead.number} <@U0LEI|lei>`, { id: 'U0BOSS', name: 'boss' });
    expect(await row(lead.id)).toMatchObject({ ownerId: LEI.id, pooledAt: null, claimedAt: NOW, nextFollowUpAt: shanghaiDay('2026-12-03') });
    expect(blockText(await say('due', LEI))).toContain(lead.number);
  });

  it('claiming a lead that was never pooled names its owner; releasing someone else\'s lead needs its owner or a manager', async () => {
    const lead = await zombie(MEI.id);
    expect((await say(`claim ${lead.number}`, LEI)).text).toBe(`*${lead.number}* is not in the team pool: <@U0MEI> has it. Nothing was changed.`);
    expect((await say(`release ${lead.number}`, LEI)).text).toBe(`Only the owner (<@U0MEI>) or a manager can release ${lead.number} to the team pool. Nothing was changed.`);
    expect((await row(lead.id)).pooledAt).toBeNull();
    expect((await say('pool 公海'.split(' ')[0]!, WANG)).text).toBe('公海是空的：每条进行中的线索都有负责人。:tada:');
  });
});
