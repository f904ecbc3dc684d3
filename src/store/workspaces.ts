import { cadenceFromStored, type FollowUpRules } from '../domain/follow-ups.js';
import { localeOf, type Locale } from '../domain/locale.js';
import { scoringRulesFromStored, type ScoringRules } from '../domain/scoring.js';
import { settingsChanges, type TeamSettings } from '../domain/settings.js';
import type { PlainValues } from '../domain/journal.js';
import type { Db } from './database.js';
import { appendActivity, TRANSACTION_OPTIONS, type Author } from './journal.js';
import { rescoreLeads } from './scoring.js';

export interface WorkspaceSettings {
  id: string;
  timeZone: string;
  locale: Locale;
  /** ISO 4217: the money amounts are in, shown with its symbol. */
  currency: string;
  nativeCharts: boolean;
  followUp: FollowUpRules;
  /** The team pool (公海): zombies return to it after this many days without contact; undefined = off. */
  poolAfterDays?: number;
  /** The sales-marketing alignment channel, once set. */
  alignmentChannelId?: string;
  /** The managers' digest channel set with `/lead config`, over DIGEST_CHANNEL. */
  digestChannelId?: string;
  /** Percentage points a bottleneck flag's change must reach. */
  flagMarginPoints: number;
  /** Lead scoring: the team's weights over the defaults, its tiers and MQL threshold. */
  scoring: ScoringRules;
}

export interface WorkspaceDefaults {
  timeZone: string;
  locale: Locale;
}

type WorkspaceRow = {
  id: string;
  timeZone: string;
  locale: string;
  currency: string;
  nativeCharts: boolean;
  followUpCadence: string | null;
  zombieAfterDays: number;
  untouchedAfterDays: number;
  poolAfterDays: number | null;
  alignmentChannelId: string | null;
  digestChannelId: string | null;
  scoringWeights: string | null;
  flagMarginPoints: number;
};

function settingsOf(row: WorkspaceRow): WorkspaceSettings {
  // The column is free text; anything but a locale of ours reads as English.
  return {
    id: row.id,
    timeZone: row.timeZone,
    locale: localeOf(row.locale) ?? 'en',
    currency: row.currency,
    nativeCharts: row.nativeCharts,
    followUp: { cadenceDays: cadenceFromStored(row.followUpCadence), zombieAfterDays: row.zombieAfterDays, untouchedAfterDays: row.untouchedAfterDays },
    ...(row.poolAfterDays !== null ? { poolAfterDays: row.poolAfterDays } : {}),
    ...(row.alignmentChannelId !== null ? { alignmentChannelId: row.alignmentChannelId } : {}),
    ...(row.digestChannelId !== null ? { digestChannelId: row.digestChannelId } : {}),
    flagMarginPoints: row.flagMarginPoints,
    scoring: scoringRulesFromStored(row.scoringWeights),
  };
}

/** What `/lead config` shows and sets of a workspace's settings. */
export function teamSettingsOf(workspace: WorkspaceSettings): TeamSettings {
  return {
    timeZone: workspace.timeZone,
    locale: workspace.locale,
    currency: workspace.currency,
    cadenceDays: { ...workspace.followUp.cadenceDays },
    zombieAfterDays: workspace.followUp.zombieAfterDays,
    untouchedAfterDays: workspace.followUp.untouchedAfterDays,
    poolAfterDays: workspace.poolAfterDays ?? null,
    digestChannelId: workspace.digestChannelId ?? null,
    alignmentChannelId: workspace.alignmentChannelId ?? null,
    flagMarginPoints: workspace.flagMarginPoints,
    mqlThreshold: workspace.scoring.mqlThreshold,
  };
}

export interface SettingsSaved {
  before: TeamSettings;
  after: TeamSettings;
  /** The settings that changed, as the journal entry records them; empty: nothing was written. */
  changes: { before: PlainValues; after: PlainValues };
}

/**
 * Writes a workspace's settings and journals what changed, in one transaction. "Before"
 * is read inside it, so the entry says what was replaced, not what the form once showed.
 * A save that changes nothing writes nothing.
 */
export async function saveTeamSettings(db: Db, workspaceId: string, settings: TeamSettings, author: Author): Promise<SettingsSaved> {
  return db.$transaction(async (tx) => {
    const before = teamSettingsOf(settingsOf(await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId } })));
    const changes = settingsChanges(before, settings);
    if (Object.keys(changes.after).length === 0) return { before, after: before, changes };
    // The MQL threshold lives with the scoring weights: the team's override gets it, the rest of it kept.
    const stored = (await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { scoringWeights: true } })).scoringWeights;
    const scoringWeights = 'mqlThreshold' in changes.after ? JSON.stringify({ ...(stored ? (JSON.parse(stored) as object) : {}), mqlThreshold: settings.mqlThreshold }) : stored;
    const row = await tx.workspace.update({
      where: { id: workspaceId },
      data: {
        timeZone: settings.timeZone,
        locale: settings.locale,
        currency: settings.currency,
        followUpCadence: JSON.stringify(settings.cadenceDays),
        zombieAfterDays: settings.zombieAfterDays,
        untouchedAfterDays: settings.untouchedAfterDays,
        poolAfterDays: settings.poolAfterDays,
        digestChannelId: settings.digestChannelId,
        alignmentChannelId: settings.alignmentChannelId,
        flagMarginPoints: settings.flagMarginPoints,
        scoringWeights,
      },
    });
    await appendActivity(tx, author, { workspaceId, kind: 'settings', details: changes });
    return { before, after: teamSettingsOf(settingsOf(row)), changes };
  }, TRANSACTION_OPTIONS);
}

/**
 * Writes the team's scoring weights (the override as given; null: back to the defaults),
 * journals the change, and scores every lead again, in one transaction: no lead is ever
 * shown with a score of the old weights next to one of the new.
 */
export async function saveScoringWeights(db: Db, workspaceId: string, override: object | null, author: Author): Promise<{ changed: boolean; rescored: number }> {
  return db.$transaction(async (tx) => {
    const before = (await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { scoringWeights: true } })).scoringWeights;
    const after = override === null ? null : JSON.stringify(override);
    if (before === after) return { changed: false, rescored: 0 };
    await tx.workspace.update({ where: { id: workspaceId }, data: { scoringWeights: after } });
    await appendActivity(tx, author, { workspaceId, kind: 'settings', details: { before: { scoringWeights: before }, after: { scoringWeights: after } } });
    return { changed: true, rescored: await rescoreLeads(tx, workspaceId) };
  }, { ...TRANSACTION_OPTIONS, timeout: 120_000 });
}

/** A workspace's settings, or undefined if no request from it has been served yet; unlike Workspaces.get, it creates nothing. */
export async function findWorkspace(db: Db, id: string): Promise<WorkspaceSettings | undefined> {
  const row = await db.workspace.findUnique({ where: { id } });
  return row ? settingsOf(row) : undefined;
}

/** The first `limit` workspaces of the database: the command line picks the only one there is. */
export async function someWorkspaces(db: Db, limit: number): Promise<WorkspaceSettings[]> {
  return (await db.workspace.findMany({ take: limit })).map(settingsOf);
}

/** A digest's own channel, schedule or switch in a workspace (digest_schedule), over the env defaults. */
export interface DigestScheduleOverride {
  digest: string;
  channelId: string | null;
  cron: string | null;
  enabled: boolean;
}

/** Every workspace with its digest overrides, for the scheduler. */
export async function workspacesWithSchedules(db: Db): Promise<Array<{ workspace: WorkspaceSettings; schedules: DigestScheduleOverride[] }>> {
  const rows = await db.workspace.findMany({ include: { schedules: true } });
  return rows.map((row) => ({ workspace: settingsOf(row), schedules: row.schedules }));
}

/**
 * Every request names its Slack team; the first one from a team creates its row with
 * the configured defaults. Settings are cached per process: they change rarely and are
 * read on every request.
 */
export class Workspaces {
  readonly #cache = new Map<string, WorkspaceSettings>();

  constructor(private readonly db: Db, private readonly defaults: WorkspaceDefaults) {}

  /** Drops the cached settings after they were changed, so the next request reads them anew. */
  forget(teamId: string): void {
    this.#cache.delete(teamId);
  }

  async get(teamId: string): Promise<WorkspaceSettings> {
    const cached = this.#cache.get(teamId);
    if (cached) return cached;
    const row = await this.db.workspace.upsert({
      where: { id: teamId },
      create: { id: teamId, timeZone: this.defaults.timeZone, locale: this.defaults.locale },
      update: {},
    });
    const settings = settingsOf(row);
    this.#cache.set(teamId, settings);
    return settings;
  }
}
