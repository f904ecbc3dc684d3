import { IANAZone } from 'luxon';
import { z } from 'zod';
import { FLAG_MARGIN_RANGE } from './bottlenecks.js';
import { SCORE_RANGE } from './scoring.js';
import { InvalidFields, type FieldName, type FieldProblem } from './fields.js';
import { MAX_FOLLOW_UP_DAYS } from './follow-ups.js';
import type { PlainValues } from './journal.js';
import { LOCALES, type Locale } from './locale.js';
import { OPEN_STAGES, type OpenStage } from './stages.js';

/**
 * A team's settings as `/lead config` (admins) sets them: the zone its days are counted
 * in, the language of its digests, its money, its follow-up discipline (DOMAIN.md
 * "Follow-up discipline"), the team pool and the channels the bot posts to. Every way in
 * (the modal, the command line) goes through `checkTeamSettings`.
 */
export interface TeamSettings {
  timeZone: string;
  locale: Locale;
  /** ISO 4217-like: three letters, upper case. */
  currency: string;
  cadenceDays: Record<OpenStage, number>;
  zombieAfterDays: number;
  untouchedAfterDays: number;
  /** Zombies go back to the team pool after this many days without contact; null = the pool is off. */
  poolAfterDays: number | null;
  /** The managers' digest channel; null = DIGEST_CHANNEL. */
  digestChannelId: string | null;
  alignmentChannelId: string | null;
  /** Percentage points a bottleneck flag's change must reach. */
  flagMarginPoints: number;
  /** A lead scoring at or above this is marketing-qualified (scoring.ts; the weights are `leadops config scoring`). */
  mqlThreshold: number;
}

/** The shortest span a setting in days may have: a cadence of 0 would make every lead due forever. */
export const MIN_SETTING_DAYS = 1;

/** Public and private channel ids as Slack issues them; a name or `<!channel>` is not one. */
export const CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;

export function isIanaTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** Each setting's field, for errors shown beside its input. */
export const CADENCE_FIELDS: Readonly<Record<OpenStage, FieldName>> = {
  ACQUIRED: 'cadenceAcquired',
  CONTACTED: 'cadenceContacted',
  DISCOVERY: 'cadenceDiscovery',
  PROPOSAL: 'cadenceProposal',
  NEGOTIATION: 'cadenceNegotiation',
};

/** A form's values as typed: text from inputs (numbers arrive as strings), or numbers from the command line. */
export interface TeamSettingsDraft {
  timeZone?: string | null;
  locale?: string | null;
  currency?: string | null;
  cadenceDays?: Partial<Record<OpenStage, string | number | null>>;
  zombieAfterDays?: string | number | null;
  untouchedAfterDays?: string | number | null;
  poolAfterDays?: string | number | null;
  digestChannelId?: string | null;
  alignmentChannelId?: string | null;
  flagMarginPoints?: string | number | null;
  mqlThreshold?: string | number | null;
}

/** Text trimmed and width-folded (a full-width ３ is a 3); empty is none. */
const typed = (value: unknown) => (typeof value === 'string' ? value.normalize('NFKC').trim() || undefined : (value ?? undefined));

const dayCount = z.preprocess(
  typed,
  z
    .union([z.number(), z.string().regex(/^\d{1,4}$/).transform(Number)])
    .pipe(z.number().int().min(MIN_SETTING_DAYS).max(MAX_FOLLOW_UP_DAYS)),
);

const channel = z.preprocess(typed, z.string().regex(CHANNEL_ID).nullish()).transform((id) => id ?? null);

export const teamSettingsSchema = z.object({
  timeZone: z.preprocess(typed, z.string().refine(isIanaTimeZone)),
  locale: z.preprocess(typed, z.enum(LOCALES)),
  currency: z.preprocess((value) => (typeof typed(value) === 'string' ? (typed(value) as string).toUpperCase() : typed(value)), z.string().regex(/^[A-Z]{3}$/)),
  cadenceDays: z.object(Object.fromEntries(OPEN_STAGES.map((stage) => [stage, dayCount])) as Record<OpenStage, typeof dayCount>),
  zombieAfterDays: dayCount,
  untouchedAfterDays: dayCount,
  poolAfterDays: z.preprocess(typed, dayCount.nullish()).transform((days) => days ?? null),
  digestChannelId: channel,
  alignmentChannelId: channel,
  flagMarginPoints: z.preprocess(
    typed,
    z
      .union([z.number(), z.string().regex(/^\d{1,3}$/).transform(Number)])
      .pipe(z.number().int().min(FLAG_MARGIN_RANGE.min).max(FLAG_MARGIN_RANGE.max)),
  ),
  mqlThreshold: z.preprocess(
    typed,
    z
      .union([z.number(), z.string().regex(/^\d{1,3}$/).transform(Number)])
      .pipe(z.number().int().min(SCORE_RANGE.min).max(SCORE_RANGE.max)),
  ),
});

const FIELD_OF: Record<Exclude<keyof TeamSettings, 'cadenceDays'>, FieldName> = {
  timeZone: 'teamTimeZone',
  locale: 'teamLocale',
  currency: 'currency',
  zombieAfterDays: 'zombieAfterDays',
  untouchedAfterDays: 'untouchedAfterDays',
  poolAfterDays: 'poolAfterDays',
  digestChannelId: 'digestChannel',
  alignmentChannelId: 'alignmentChannel',
  flagMarginPoints: 'flagMargin',
  mqlThreshold: 'mqlThreshold',
};

const DAY_FIELDS: ReadonlySet<FieldName> = new Set<FieldName>([...Object.values(CADENCE_FIELDS), 'zombieAfterDays', 'untouchedAfterDays', 'poolAfterDays']);

function problemOf(path: readonly PropertyKey[], missing: boolean): FieldProblem {
  const [key, stage] = path;
  const field = key === 'cadenceDays' ? CADENCE_FIELDS[stage as OpenStage] : FIELD_OF[key as keyof typeof FIELD_OF];
  if (missing) return { field, kind: 'required' };
  if (DAY_FIELDS.has(field)) return { field, kind: 'out_of_range', min: MIN_SETTING_DAYS, max: MAX_FOLLOW_UP_DAYS };
  if (field === 'mqlThreshold') return { field, kind: 'out_of_range', min: SCORE_RANGE.min, max: SCORE_RANGE.max, unit: 'score' };
  if (field === 'flagMargin') return { field, kind: 'out_of_range', min: FLAG_MARGIN_RANGE.min, max: FLAG_MARGIN_RANGE.max, unit: 'points' };
  return { field, kind: 'invalid' };
}

/** The settings as they are to be stored, or every refused field at once (nothing is stored). */
export function checkTeamSettings(draft: TeamSettingsDraft): TeamSettings {
  const given = { ...draft, cadenceDays: draft.cadenceDays ?? {} };
  const parsed = teamSettingsSchema.safeParse(given);
  if (parsed.success) return parsed.data;
  const problems = new Map<FieldName, FieldProblem>();
  for (const issue of parsed.error.issues) {
    // Left empty is "required", whichever check failed on it; anything typed is of the wrong shape.
    const raw = issue.path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key], given);
    const missing = typed(raw) === undefined;
    const problem = problemOf(issue.path, missing);
    if (!problems.has(problem.field)) problems.set(problem.field, problem);
  }
  throw new InvalidFields([...problems.values()]);
}

/** One setting as the journal keeps it: a cadence per stage is a setting of its own. */
function flatten(settings: TeamSettings): PlainValues {
  const flat: PlainValues = {
    timeZone: settings.timeZone,
    locale: settings.locale,
    currency: settings.currency,
  };
  for (const stage of OPEN_STAGES) flat[`cadenceDays.${stage}`] = String(settings.cadenceDays[stage]);
  flat.zombieAfterDays = String(settings.zombieAfterDays);
  flat.untouchedAfterDays = String(settings.untouchedAfterDays);
  flat.poolAfterDays = settings.poolAfterDays === null ? null : String(settings.poolAfterDays);
  flat.digestChannelId = settings.digestChannelId;
  flat.alignmentChannelId = settings.alignmentChannelId;
  flat.flagMarginPoints = String(settings.flagMarginPoints);
  flat.mqlThreshold = String(settings.mqlThreshold);
  return flat;
}

/** What a save changes, setting by setting, as the journal's "before" and "after"; empty when nothing does. */
export function settingsChanges(before: TeamSettings, after: TeamSettings): { before: PlainValues; after: PlainValues } {
  const was = flatten(before);
  const now = flatten(after);
  const changed = Object.keys(now).filter((key) => was[key] !== now[key]);
  return { before: Object.fromEntries(changed.map((key) => [key, was[key] ?? null])), after: Object.fromEntries(changed.map((key) => [key, now[key] ?? null])) };
}
