import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/store/demo-seed.js';
import { funnelDraft } from '../../src/digests/drafts.js';
import { postDigest } from '../../src/slack/publish.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { FakeSlack } from '../../src/playground/fake-slack.js';

const NOW = new Date('2026-11-20T08:00:00Z');
const WORKSPACE = { id: 'T0DEMO', timeZone: 'Asia/Shanghai', locale: 'en' as const, currency: 'CNY' };
const PNG_SIGNATURE = '89504e470d0a1a0a';

describe('posting a digest to Slack', () => {
  const slack = new FakeSlack();
  let database: TestDatabase;
  let client: WebClient;
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    await slack.start();
    client = new WebClient('xoxb-digest', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    database = await freshDatabase('sqlite');
    await seedDemo(database.db, { workspaceId: 'T0DEMO', timeZone: 'Asia/Shanghai', locale: 'en', now: NOW, seed: 3 });
  });
  afterAll(async () => {
    await slack.stop();
    await database?.drop();
  });
  beforeEach(() => slack.clear());

  it('uploads the charts privately, then posts one message that shows them inline by file id', async () => {
    const posted = await postDigest(client, 'C0MANAGERS', await funnelDraft(database, WORKSPACE, NOW), logger);
    expect(posted).toMatchObject({ channel: 'C0MANAGERS', fallback: false });

    const requested = slack.callsOf('files.getUploadURLExternal');
    expect(requested.map((call) => call.args.filename)).toEqual(['weekly-funnel-2026-11-16-funnel.png', 'weekly-funnel-2026-11-16-trend.png']);
    expect(slack.uploads.map((upload) => upload.bytes.subarray(0, 8).toString('hex'))).toEqual([PNG_SIGNATURE, PNG_SIGNATURE]);
    const completed = slack.callsOf('files.completeUploadExternal');
    expect(completed).toHaveLength(1);
    expect(completed[0]!.args.channel_id).toBeUndefined();

    const messages = slack.callsOf('chat.postMessage');
    expect(messages).toHaveLength(1);
    const blocks = messages[0]!.args.blocks as Array<{ type: string; slack_file?: { id: string } }>;
    expect(blocks.filter((block) => block.type === 'image').map((block) => block.slack_file!.id)).toEqual(slack.uploads.map((upload) => upload.fileId));
    expect(blocks.map((block) => block.type)).toContain('data_table');
    expect(String(messages[0]!.args.text)).toMatch(/^Weekly funnel/);
  });

  it('where Slack refuses the blocks, posts once as plain text with the charts attached', async () => {
    slack.answerNext('chat.postMessage', { ok: false, error: 'invalid_blocks' });
    const posted = await postDigest(client, 'C0OLD', await funnelDraft(database, WORKSPACE, NOW), logger);
    expect(posted.fallback).toBe(true);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1); // the refused one
    const shared = slack.callsOf('files.completeUploadExternal').at(-1)!;
    expect(shared.args.channel_id).toBe('C0OLD');
    expect(String(shared.args.initial_comment)).toContain('*Weekly funnel');
    expect(String(shared.args.initial_comment)).toContain('Bottleneck');
    expect((shared.args.files as unknown[]).length).toBe(2);
  });

  it('posts native charts where the workspace opted in, and falls back to images if Slack refuses them', async () => {
    const draft = await funnelDraft(database, { ...WORKSPACE, nativeCharts: true }, NOW);
    slack.answerNext('chat.postMessage', { ok: false, error: 'invalid_blocks' });
    const posted = await postDigest(client, 'C0NEW', draft, logger);
    expect(posted.fallback).toBe(false);
    const [first, second] = slack.callsOf('chat.postMessage').map((call) => (call.args.blocks as Array<{ type: string }>).map((block) => block.type));
    expect(first).toContain('data_visualization');
    expect(first!.filter((type) => type === 'image')).toHaveLength(1);
    expect(second).not.toContain('data_visualization');
    expect(second!.filter((type) => type === 'image')).toHaveLength(2);
  });

  it('does not swallow other Slack errors: the scheduler retries those', async () => {
    slack.answerNext('chat.postMessage', { ok: false, error: 'not_in_channel' });
    await expect(postDigest(client, 'C0GONE', await funnelDraft(database, WORKSPACE, NOW), logger)).rejects.toThrow('not_in_channel');
  });
});
