import { describe, expect, it } from 'vitest';
import { escapeText, plainTextOfMessage } from '../../src/slack/text.js';

describe("a message's text read out of Slack's markup", () => {
  it.each([
    ['escaped characters', 'a &lt; b &amp;&amp; c &gt; d, &lt;!channel&gt;', 'a < b && c > d, <!channel>'],
    ['an email link', 'write <mailto:li@acme.com|li@acme.com>', 'write li@acme.com'],
    ['a phone link', 'call <tel:+8613800138000|+86 138 0013 8000>', 'call +86 138 0013 8000'],
    ['a labelled link', 'see <https://acme.com/pricing|our prices>', 'see our prices (https://acme.com/pricing)'],
    ['a bare link', 'see <https://acme.com>', 'see https://acme.com'],
    ['mentions and channels', 'cc <@U0MEI> <@U0WANG|wang> in <#C0SALES|sales>', 'cc @U0MEI @wang in #sales'],
    ['broadcasts and groups', '<!here> <!channel> <!subteam^S0TEAM|@reps>', '@here @channel @reps'],
    ['a date', 'due <!date^1764644400^{date_short}|Dec 2>', 'due Dec 2'],
    ['an escaped entity that is not one', '&amp;lt;', '&lt;'],
  ])('%s', (_what, mrkdwn, plain) => {
    expect(plainTextOfMessage(mrkdwn)).toBe(plain);
  });

  it('gives back what escapeText escaped', () => {
    const typed = 'Tom & Jerry <script> <!channel> &amp;';
    expect(plainTextOfMessage(escapeText(typed))).toBe(typed);
  });
});
