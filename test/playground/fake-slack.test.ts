import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dmChannelOf, FakeSlack, triggerFor } from '../../src/playground/fake-slack.js';

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

  it('describes a file a person shared with files.info, and serves its url_private only to a bot token', async () => {
    const file = slack.addFile({ name: '线索 表.csv', bytes: Buffer.from('线索编号\n1\n'), user: 'U1' });
    const info = (await client.files.info({ file: file.id })).file!;
    expect(info).toMatchObject({ id: file.id, name: '线索 表.csv', filetype: 'csv', size: file.bytes.length, user: 'U1' });
    const served = await fetch(info.url_private!, { headers: { authorization: 'Bearer xoxb-fake' } });
    expect(Buffer.from(await served.arrayBuffer()).equals(file.bytes)).toBe(true);
    // Without a token Slack answers with its sign-in page, status 200 all the same.
    const anonymous = await fetch(info.url_private!);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('content-type')).toContain('text/html');
    expect(slack.downloads.map((download) => [download.token, download.served])).toEqual([['xoxb-fake', true], [undefined, false]]);
    await expect(client.files.info({ file: 'F0NONE' })).rejects.toMatchObject({ data: { error: 'file_not_found' } });
    // Uploads keep the name they were given, for the page to offer them by it.
    await client.filesUploadV2({ channel_id: 'D1', file: Buffer.from('a,b\n'), filename: 'problems.csv', title: 'Problems' });
    expect(slack.uploads.at(-1)!.filename).toBe('problems.csv');
  });

  it('lists the workspace\'s people with users.list, their email where known', async () => {
    const listed = new FakeSlack({ people: [{ id: 'U9', name: 'li', realName: '李雷', locale: 'zh-CN', timeZone: 'Asia/Shanghai', email: 'li@example.com' }] });
    await listed.start();
    try {
      const members = (await new WebClient('xoxb-fake', { slackApiUrl: listed.apiUrl, retryConfig: { retries: 0 } }).users.list({})).members!;
      expect(members.map((member) => [member.id, member.real_name, member.profile?.display_name, member.profile?.email])).toEqual([['U9', '李雷', '李雷', 'li@example.com']]);
    } finally {
      await listed.stop();
    }
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

  it('links to a message as Slack does, and says which part of the request it cannot find', async () => {
    expect((await client.chat.getPermalink({ channel: 'C0SALES', message_ts: '1700000000.000100' })).permalink).toBe('https://leadops-test.slack.com/archives/C0SALES/p1700000000000100');
    await expect(client.chat.getPermalink({ channel: 'nope', message_ts: '1700000000.000100' })).rejects.toThrow('channel_not_found');
    await expect(client.chat.getPermalink({ channel: 'C1', message_ts: 'x' })).rejects.toThrow('message_not_found');
  });

  it('keeps what each person sees: channel messages, their ephemeral ones, and DMs by user id', async () => {
    slack.clear();
    await client.chat.postMessage({ channel: 'C1', text: 'for everyone' });
    await client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'for U1' });
    await client.chat.postMessage({ channel: 'U2', text: 'a DM' });
    expect(slack.messagesSeenBy('C1', 'U1').map((message) => message.text)).toEqual(['for everyone', 'for U1']);
    expect(slack.messagesSeenBy('C1', 'U2').map((message) => message.text)).toEqual(['for everyone']);
    expect(slack.messagesSeenBy(dmChannelOf('U2'), 'U2').map((message) => message.text)).toEqual(['a DM']);
  });

  it('replaces the message a response_url belongs to, or adds one, as Slack does', async () => {
    slack.clear();
    const id = 'r-test';
    const url = slack.responseUrl(id, { channel: 'C1', user: 'U1' });
    await fetch(url, { method: 'POST', body: JSON.stringify({ text: 'working…' }) });
    await fetch(url, { method: 'POST', body: JSON.stringify({ text: 'done', replace_original: true }) });
    expect(slack.messagesSeenBy('C1', 'U1').map((message) => [message.text, message.ephemeralTo])).toEqual([['done', 'U1']]);
    await fetch(url, { method: 'POST', body: JSON.stringify({ text: 'for all', response_type: 'in_channel', replace_original: false }) });
    expect(slack.messagesSeenBy('C1', 'U2').map((message) => message.text)).toEqual(['for all']);
  });

  it('stacks modals: open, push, update by id with its hash, errors keep it, clear closes all', async () => {
    slack.clear();
    const opened = await client.views.open({ trigger_id: triggerFor('U1'), view: { type: 'modal', title: { type: 'plain_text', text: 'One' }, blocks: [] } });
    await client.views.push({ trigger_id: triggerFor('U1'), view: { type: 'modal', title: { type: 'plain_text', text: 'Two' }, blocks: [] } });
    expect(slack.modalStacks.get('U1')).toHaveLength(2);
    const first = slack.views.get(opened.view!.id!)!;
    await expect(client.views.update({ view_id: first.id, hash: 'stale', view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } })).rejects.toThrow('hash_conflict');
    await client.views.update({ view_id: first.id, hash: first.hash, view: { type: 'modal', title: { type: 'plain_text', text: 'One, updated' }, blocks: [] } });
    expect((slack.views.get(first.id)!.view.title as { text: string }).text).toBe('One, updated');
    const top = slack.topModal('U1')!;
    slack.applyViewAnswer('U1', top.id, { response_action: 'errors', errors: { a: 'no' } });
    expect(slack.topModal('U1')!.id).toBe(top.id);
    slack.applyViewAnswer('U1', top.id, undefined);
    expect(slack.topModal('U1')!.id).toBe(first.id);
    slack.applyViewAnswer('U1', first.id, { response_action: 'push', view: { type: 'modal', blocks: [] } });
    slack.applyViewAnswer('U1', first.id, { response_action: 'clear' });
    expect(slack.topModal('U1')).toBeUndefined();
  });
});
