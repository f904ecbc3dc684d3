import { DateTime } from 'luxon';
import { KNOWN_LOSS_REASONS, KNOWN_SOURCE_CHANNELS } from '../domain/tags.js';
import { encodePatch } from '../domain/journal.js';
import { leadKeys } from '../domain/lead-keys.js';
import { DEMO_OWNER_NAMES, DEMO_OWNERS, demoOwnerLocale, generateDemoLeads, type DemoLead } from '../demo/demo-data.js';
import type { Db } from './database.js';
import { rescoreLeads } from './scoring.js';

export interface SeedDemoOptions {
  workspaceId: string;
  timeZone: string;
  locale: 'en' | 'zh';
  now: Date;
  leads?: number;
  seed?: number;
  /** Skip stage history, follow-ups and tags: for benchmarks that only need leads. */
  leadsOnly?: boolean;
}

const CHUNK = 2000;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) await write(rows.slice(start, start + CHUNK));
}

/**
 * Replaces the workspace's data with a demo team: about 600 leads over 6 months, 8
 * owners, the channels of DOMAIN.md with different quality, real loss reasons,
 * follow-ups with some overdue and some zombie leads, and two goals.
 */
export async function seedDemo(db: Db, options: SeedDemoOptions): Promise<{ leads: number }> {
  const leads = generateDemoLeads({ count: options.leads ?? 600, now: options.now, timeZone: options.timeZone, seed: options.seed });
  await db.workspace.deleteMany({ where: { id: options.workspaceId } });
  await db.workspace.create({ data: { id: options.workspaceId, name: 'leadops demo', timeZone: options.timeZone, locale: options.locale } });
  const workspaceId = options.workspaceId;

  await inChunks(leads, (chunk) =>
    db.lead.createMany({
      data: chunk.map((lead) => ({
        workspaceId,
        number: lead.number,
        name: lead.name,
        sourceChannel: lead.sourceChannel,
        sourceChannelKey: lead.sourceChannelKey,
        campaign: lead.campaign,
        contentAsset: lead.contentAsset,
        customerType: lead.customerType,
        industry: lead.industry,
        ...leadKeys(lead),
        ownerId: lead.ownerId,
        createdById: lead.ownerId,
        stage: lead.stage,
        acquiredAt: lead.acquiredAt,
        contactedAt: lead.contactedAt,
        discoveryAt: lead.discoveryAt,
        proposalAt: lead.proposalAt,
        negotiationAt: lead.negotiationAt,
        wonAt: lead.wonAt,
        lostAt: lead.lostAt,
        dealAmountMinor: lead.dealAmountMinor,
        nextFollowUpAt: lead.nextFollowUpAt,
        lastFollowUpAt: lead.lastFollowUpAt,
        budget: lead.budget,
        authority: lead.authority,
        need: lead.need,
        timeline: lead.timeline,
      })),
    }),
  );
  await recordSequences(db, workspaceId, leads);
  await db.member.createMany({
    data: DEMO_OWNERS.map((userId) => ({ workspaceId, userId, name: DEMO_OWNER_NAMES[userId], timeZone: options.timeZone, locale: demoOwnerLocale(userId), fetchedAt: options.now })),
  });
  if (!options.leadsOnly) await seedHistory(db, workspaceId, leads);
  // Scored as the bot would score them: the store's rules over what was just written.
  await rescoreLeads(db, workspaceId);
  await seedGoals(db, workspaceId, options);
  return { leads: leads.length };
}

/** New leads made after the demo continue each day's numbering instead of colliding. */
async function recordSequences(db: Db, workspaceId: string, leads: DemoLead[]): Promise<void> {
  const last = new Map<string, number>();
  for (const lead of leads) last.set(lead.number.slice(0, 8), Number(lead.number.slice(8)));
  await inChunks([...last.entries()], (chunk) =>
    db.leadNumberSequence.createMany({ data: chunk.map(([day, lastValue]) => ({ workspaceId, day, lastValue })) }),
  );
}

async function seedHistory(db: Db, workspaceId: string, leads: DemoLead[]): Promise<void> {
  const ids = new Map((await db.lead.findMany({ where: { workspaceId }, select: { id: true, number: true } })).map((row) => [row.number, row.id]));
  const tagIds = new Map<string, number>();
  for (const [kind, definitions] of [['LOSS_REASON', KNOWN_LOSS_REASONS], ['SOURCE_CHANNEL', KNOWN_SOURCE_CHANNELS]] as const) {
    for (const definition of definitions) {
      const tag = await db.tag.create({ data: { workspaceId, kind, key: definition.key, label: definition.zh } });
      tagIds.set(`${kind}:${definition.key}`, tag.id);
    }
  }
  // The demo's history reads like a team's real journal, but as history from before it:
  // no lead version, so it can be shown and not undone.
  await inChunks(
    leads.flatMap((lead) =>
      lead.history.map(([fromStage, toStage, at]) => ({
        workspaceId,
        leadId: ids.get(lead.number)!,
        kind: fromStage ? 'stage' : 'created',
        before: fromStage ? encodePatch({ stage: fromStage }) : null,
        after: encodePatch(fromStage ? { stage: toStage } : { stage: toStage, ownerId: lead.ownerId, name: lead.name }),
        byId: lead.ownerId,
        at,
        via: 'system',
      })),
    ),
    (chunk) => db.activity.createMany({ data: chunk }),
  );
  await inChunks(
    leads.flatMap((lead) => lead.signals.map(({ kind, at }) => ({ workspaceId, leadId: ids.get(lead.number)!, kind: 'signal', note: kind, byId: lead.ownerId, at, via: 'system' }))),
    (chunk) => db.activity.createMany({ data: chunk }),
  );
  await inChunks(
    leads.flatMap((lead) => lead.signals.map(({ kind, at }) => ({ leadId: ids.get(lead.number)!, kind, at, byId: lead.ownerId }))),
    (chunk) => db.leadSignal.createMany({ data: chunk }),
  );
  await inChunks(
    leads.flatMap((lead) => lead.followUps.map((followUp) => ({ leadId: ids.get(lead.number)!, note: followUp.note, contactedAt: followUp.at, byId: lead.ownerId, nextDueAt: followUp.nextDueAt }))),
    (chunk) => db.followUp.createMany({ data: chunk }),
  );
  await inChunks(
    leads.flatMap((lead) => [
      { leadId: ids.get(lead.number)!, tagId: tagIds.get(`SOURCE_CHANNEL:${lead.sourceChannelKey}`)! },
      ...lead.lossReasons.map((reason) => ({ leadId: ids.get(lead.number)!, tagId: tagIds.get(`LOSS_REASON:${reason}`)! })),
    ]),
    (chunk) => db.leadTag.createMany({ data: chunk }),
  );
}

async function seedGoals(db: Db, workspaceId: string, options: SeedDemoOptions): Promise<void> {
  const now = DateTime.fromJSDate(options.now, { zone: options.timeZone });
  const month = now.startOf('month');
  const quarter = now.startOf('quarter');
  await db.goal.createMany({
    data: [
      { workspaceId, metric: 'NEW_LEADS', target: '160', baseline: '120', periodStart: month.toJSDate(), periodEnd: month.plus({ months: 1 }).toJSDate(), createdById: DEMO_OWNERS[0] },
      { workspaceId, metric: 'REVENUE', target: '14000000', baseline: '11500000', periodStart: quarter.toJSDate(), periodEnd: quarter.plus({ quarters: 1 }).toJSDate(), createdById: DEMO_OWNERS[0] },
    ],
  });
}
