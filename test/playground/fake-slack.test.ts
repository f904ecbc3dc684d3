import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../src/playground/fake-slack.js';

/** The fake must answer the real Web API client as Slack does, or the tests prove nothing. */
describe('the fake Slack Web API', () => {
  const slack = new FakeSlack();
  let client: WebClient;
  beforeAll(async () => {
    await slack.start();
    client = new WebClient('xoxb-fake', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(() => slack.stop());

  it('records messages with their blocks decoded, and answers with a ts', async () => {
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'hi', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }] });
    expect(posted.ts).toMatch(/^\d+\.\d{6}$/);
    const call = slack.callsOf('chat.postMessage')[0]!;
    expect(call.token).toBe('xoxb-fake');
    expect(call.args.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }]);
    await client.chat.update({ channel: 'C1', ts: posted.ts!, text: 'edited' });
    expect(slack.callsOf('chat.update')[0]!.args.ts).toBe(posted.ts);
  });

  it('runs the external upload flow: getUploadURLExternal, the upload itself, completeUploadExternal', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const result = await client.filesUploadV2({ channel_id: 'C1', file: png, filename: 'funnel.png', title: 'Funnel' });
    expect(result.ok).toBe(true);
    expect(slack.callsOf('files.getUploadURLExternal')[0]!.args).toMatchObject({ filename: 'funnel.png', length: '7' });
    expect(slack.uploads[0]!.bytes.equals(png)).toBe(true);
    const completed = slack.callsOf('files.completeUploadExternal')[0]!;
    expect(completed.args.files).toEqual([{ id: slack.uploads[0]!.fileId, title: 'Funnel' }]);
    expect(completed.args.channel_id).toBe('C1');
  });

  it('answers users, conversations and views like Slack, and replays a scripted error', async () => {
    expect((await client.users.info({ user: 'U1' })).user?.tz).toBe('Asia/Shanghai');
    expect((await client.conversations.info({ channel: 'C1' })).channel?.is_member).toBe(true);
    expect((await client.conversations.open({ users: 'U1' })).channel?.id).toBe('D1');
    expect((await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } })).view?.id).toMatch(/^V/);
    slack.answerNext('chat.postEphemeral', { ok: false, error: 'channel_not_found' });
    await expect(client.chat.postEphemeral({ channel: 'C9', user: 'U1', text: 'x' })).rejects.toThrow('channel_not_found');
    expect((await client.chat.postEphemeral({ channel: 'C9', user: 'U1', text: 'x' })).ok).toBe(true);
  });
});
