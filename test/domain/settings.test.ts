import { describe, expect, it } from 'vitest';
import { InvalidFields } from '../../src/domain/fields.js';
import { checkTeamSettings, settingsChanges, type TeamSettings, type TeamSettingsDraft } from '../../src/domain/settings.js';

/** A form as an admin submits it, every value as Slack sends it: text. */
const FORM: TeamSettingsDraft = {
  timeZone: 'Asia/Shanghai',
  locale: 'zh',
  currency: 'CNY',
  cadenceDays: { ACQUIRED: '7', CONTACTED: '7', DISCOVERY: '7', PROPOSAL: '3', NEGOTIATION: '3' },
  zombieAfterDays: '30',
  untouchedAfterDays: '2',
  poolAfterDays: null,
  digestChannelId: null,
  alignmentChannelId: null,
  flagMarginPoints: '10',
  mqlThreshold: '80',
};

const DEFAULTS: TeamSettings = {
  timeZone: 'Asia/Shanghai',
  locale: 'zh',
  currency: 'CNY',
  cadenceDays: { ACQUIRED: 7, CONTACTED: 7, DISCOVERY: 7, PROPOSAL: 3, NEGOTIATION: 3 },
  zombieAfterDays: 30,
  untouchedAfterDays: 2,
  poolAfterDays: null,
  digestChannelId: null,
  alignmentChannelId: null,
  flagMarginPoints: 10,
  mqlThreshold: 80,
};

function problemsOf(draft: TeamSettingsDraft) {
  try {
    checkTeamSettings(draft);
  } catch (error) {
    if (error instanceof InvalidFields) return error.problems;
    throw error;
  }
  throw new Error('expected the settings to be refused');
}

describe('team settings', () => {
  it('reads a form of text into settings: numbers, an upper-case currency, empty channels and pool as none', () => {
    expect(checkTeamSettings(FORM)).toEqual(DEFAULTS);
    expect(
      checkTeamSettings({ ...FORM, currency: ' usd ', cadenceDays: { ...FORM.cadenceDays, PROPOSAL: '２' }, poolAfterDays: '45', digestChannelId: 'C0MANAGERS', alignmentChannelId: 'G0ALIGN1' }),
    ).toEqual({ ...DEFAULTS, currency: 'USD', cadenceDays: { ...DEFAULTS.cadenceDays, PROPOSAL: 2 }, poolAfterDays: 45, digestChannelId: 'C0MANAGERS', alignmentChannelId: 'G0ALIGN1' });
    expect(checkTeamSettings({ ...FORM, poolAfterDays: '  ', digestChannelId: '' })).toEqual(DEFAULTS);
  });

  it('takes numbers as the command line gives them, up to 365 days', () => {
    expect(checkTeamSettings({ ...FORM, zombieAfterDays: 365, untouchedAfterDays: 1 })).toMatchObject({ zombieAfterDays: 365, untouchedAfterDays: 1 });
  });

  it('refuses a zone that is not IANA\'s, and names the field', () => {
    expect(problemsOf({ ...FORM, timeZone: 'Mars/Base' })).toEqual([{ field: 'teamTimeZone', kind: 'invalid' }]);
    expect(problemsOf({ ...FORM, timeZone: 'GMT+8 Beijing' })).toEqual([{ field: 'teamTimeZone', kind: 'invalid' }]);
    expect(checkTeamSettings({ ...FORM, timeZone: 'Europe/Berlin' }).timeZone).toBe('Europe/Berlin');
  });

  it.each([['0'], ['366'], ['2.5'], ['-1'], ['seven'], [0]])('refuses a cadence of %j days, with its range', (days) => {
    expect(problemsOf({ ...FORM, cadenceDays: { ...FORM.cadenceDays, PROPOSAL: days } })).toEqual([{ field: 'cadenceProposal', kind: 'out_of_range', min: 1, max: 365 }]);
  });

  it('reports every refused field at once, a missing one as required', () => {
    expect(
      problemsOf({ ...FORM, timeZone: null, locale: 'fr', currency: 'RMB1', cadenceDays: { ...FORM.cadenceDays, ACQUIRED: null }, zombieAfterDays: '0', poolAfterDays: '400', digestChannelId: '#sales', alignmentChannelId: '<!channel>' }),
    ).toEqual([
      { field: 'teamTimeZone', kind: 'required' },
      { field: 'teamLocale', kind: 'invalid' },
      { field: 'currency', kind: 'invalid' },
      { field: 'cadenceAcquired', kind: 'required' },
      { field: 'zombieAfterDays', kind: 'out_of_range', min: 1, max: 365 },
      { field: 'poolAfterDays', kind: 'out_of_range', min: 1, max: 365 },
      { field: 'digestChannel', kind: 'invalid' },
      { field: 'alignmentChannel', kind: 'invalid' },
    ]);
  });

  it('records only what changed, each cadence on its own, as text', () => {
    const after: TeamSettings = { ...DEFAULTS, timeZone: 'Europe/Berlin', cadenceDays: { ...DEFAULTS.cadenceDays, PROPOSAL: 2 }, poolAfterDays: 45 };
    expect(settingsChanges(DEFAULTS, after)).toEqual({
      before: { timeZone: 'Asia/Shanghai', 'cadenceDays.PROPOSAL': '3', poolAfterDays: null },
      after: { timeZone: 'Europe/Berlin', 'cadenceDays.PROPOSAL': '2', poolAfterDays: '45' },
    });
    expect(settingsChanges(DEFAULTS, { ...DEFAULTS })).toEqual({ before: {}, after: {} });
  });
});
