import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/playground/page/escape.js';
import { mrkdwnToHtml, plainText } from '../../src/playground/page/mrkdwn.js';
import { escapeInline, escapeText, slackDate } from '../../src/slack/text.js';
import { testContext, visibleText } from './context.js';
import { expectWellFormed, onlyTag, startTags } from './html.js';

const context = testContext();
const render = (text: string) => {
  const html = mrkdwnToHtml(text, context);
  expectWellFormed(html);
  return html;
};

describe('mrkdwn formatting', () => {
  it('bold, italic, strike, inline code and nesting', () => {
    expect(render('*bold* _italic_ ~strike~ `code`')).toBe('<b>bold</b> <i>italic</i> <s>strike</s> <code class="sk-code">code</code>');
    expect(render('*_both_*')).toBe('<b><i>both</i></b>');
    expect(render('(*in parens*), "*quoted*"')).toBe('(<b>in parens</b>), &quot;<b>quoted</b>&quot;');
  });

  it('needs markers at word boundaries with text next to them, as Slack does', () => {
    expect(render('2*3*4 and snake_case_name')).toBe('2*3*4 and snake_case_name');
    expect(render('* not bold *')).toBe('* not bold *');
    expect(render('**double**')).toBe('**double**');
    expect(render('*a* *b*')).toBe('<b>a</b> <b>b</b>');
    expect(render('*not\nacross lines*')).toBe('*not<br>across lines*');
  });

  it('after a closing marker, accepts the punctuation Slack was seen to accept (slack-message-parser issue 34)', () => {
    // As observed in Slack, with & < > as the API sends them; *N*_ and *N** are left out: a marker after a marker is nesting here.
    const observed = '*Y*~ *N*` *Y*! *N*@ *Y*# *Y*$ *Y*% *Y*^ *N*&amp; *N*( *Y*) *Y*- *Y*+ *Y*= *Y*{ *Y*} *Y*[ *Y*] *N*| *N*\\ *Y*; *Y*: *Y*\' *Y*" *N*&lt; *Y*, *N*&gt; *Y*. *Y*? *Y*/ *Y*';
    const html = render(observed);
    expect(html).not.toContain('<b>N</b>');
    expect(html.match(/<b>Y<\/b>/g)).toHaveLength(observed.match(/\*Y\*/g)!.length);
  });

  it('shows markers the bot escaped with U+200B literally (the bold name case)', () => {
    const name = escapeInline('*Bold*');
    expect(name).toBe('\u200b*\u200bBold\u200b*\u200b');
    const html = render(name);
    expect(html).not.toMatch(/<b>/);
    expect(visibleText(html)).toBe('*Bold*');
    for (const marked of ['_under_', '~gone~', '`tick`', 'a_b_c *x* y']) expect(visibleText(render(escapeInline(marked)))).toBe(marked);
  });

  it('keeps an escaped name literal inside the bot\'s own formatting around it', () => {
    const html = render(`*Lead 1* · ${escapeInline('*Acme* _Co_')} — _sent ${escapeInline('*draft*')} v2_`);
    expect(visibleText(html)).toBe('Lead 1 · *Acme* _Co_ — sent *draft* v2');
    expect(html).toContain('<b>Lead 1</b>');
    expect(html).toMatch(/<i>sent \u200b\*\u200bdraft\u200b\*\u200b v2<\/i>/);
  });

  it('code spans and blocks keep markers and show entities as characters', () => {
    expect(render('`*not bold* &lt;number&gt;`')).toBe('<code class="sk-code">*not bold* &lt;number&gt;</code>');
    const pre = render('before\n```\nconst a = *b*;\n  indented\n```\nafter');
    expect(pre).toBe('before<pre class="sk-pre">const a = *b*;\n  indented</pre>after');
  });

  it('quotes lines that start with > or &gt; (how Slack stores a typed quote), one bar for consecutive lines', () => {
    expect(render('> first\n&gt; second\nnot quoted')).toBe('<blockquote class="sk-quote">first<br>second</blockquote>not quoted');
    expect(render('a > b')).toBe('a &gt; b');
    expect(render('&gt;&gt;&gt; all\nof this')).toBe('<blockquote class="sk-quote">all<br>of this</blockquote>');
  });

  it('turns newlines into line breaks', () => {
    expect(render('one\ntwo\n\nfour')).toBe('one<br>two<br><br>four');
  });
});

describe('mrkdwn tokens', () => {
  it('links with and without a label, mailto, and scheme-less targets', () => {
    const labelled = onlyTag(render('<https://example.com/a?b=1&amp;c=2|the *label*>'), { class: 'sk-link' }, 'a');
    expect(labelled.attrs).toMatchObject({ href: 'https://example.com/a?b=1&c=2', target: '_blank', rel: 'noopener noreferrer' });
    expect(render('<https://example.com|the *label* :tada:>')).toMatch(/>the <b>label<\/b> <span class="sk-emoji"[^>]*>🎉<\/span><\/a>$/);
    expect(visibleText(render('<https://example.com|Example &amp; Co>'))).toBe('Example & Co');
    expect(visibleText(render('<https://example.com>'))).toBe('https://example.com');
    expect(onlyTag(render('<mailto:sales@example.com|Email us>'), {}, 'a').attrs.href).toBe('mailto:sales@example.com');
    expect(visibleText(render('<mailto:sales@example.com>'))).toBe('sales@example.com');
    expect(onlyTag(render('<fakeLink.toEmployeeProfile.com|Fred>'), {}, 'a').attrs.href).toBe('http://fakeLink.toEmployeeProfile.com');
  });

  it('links bare URLs unless verbatim', () => {
    expect(onlyTag(render('see https://example.com/x. Thanks'), {}, 'a').attrs.href).toBe('https://example.com/x');
    expect(mrkdwnToHtml('see https://example.com/x', context, { verbatim: true })).toBe('see https://example.com/x');
  });

  it('user and channel mentions by name, from the directory or the label', () => {
    const html = render('<@U1> <@U2|bob> <@U404|ghost> <#C1> <#C9|random>');
    expect(visibleText(html)).toBe('@Alice Chen @Bob @ghost #sales #random');
    expect(onlyTag(html, { 'data-user-id': 'U1' }).attrs.class).toBe('sk-mention');
    expect(onlyTag(html, { 'data-channel-id': 'C1' }).attrs.class).toContain('sk-channel');
  });

  it('@here, @channel, @everyone highlighted, and user groups', () => {
    const html = render('<!here> <!channel> <!everyone|everyone> <!subteam^S123|@sales-team> <!subteam^S9>');
    expect(visibleText(html)).toBe('@here @channel @everyone @sales-team @S9');
    expect(startTags(html).filter((tag) => tag.attrs.class === 'sk-mention sk-broadcast').map((tag) => tag.attrs['data-broadcast'])).toEqual(['here', 'channel', 'everyone']);
  });

  it('dates in the reader\'s zone and language, with every format token', () => {
    // 1700000000 is 06:13:20 on Wednesday 15 November 2023 in Shanghai; "now" is that moment.
    const tokens = (template: string, locale: 'en' | 'zh' = 'en', now = new Date(1_700_000_000_000)) =>
      visibleText(mrkdwnToHtml(`<!date^1700000000^${template}|fallback>`, testContext({ locale, now: () => now })));
    expect(tokens('{date_num}')).toBe('2023-11-15');
    expect(tokens('{date}')).toBe('November 15th, 2023');
    expect(tokens('{date_short}')).toBe('Nov 15, 2023');
    expect(tokens('{date_long}')).toBe('Wednesday, November 15th, 2023');
    expect(tokens('{date_pretty}')).toBe('today');
    expect(tokens('{date_short_pretty}', 'en', new Date('2023-11-16T03:00:00Z'))).toBe('yesterday');
    expect(tokens('{date_long_pretty}', 'en', new Date('2023-11-20T03:00:00Z'))).toBe('Wednesday, November 15th, 2023');
    expect(tokens('{time}')).toBe('6:13 AM');
    expect(tokens('{time_secs}')).toBe('6:13:20 AM');
    expect(tokens('{ago}', 'en', new Date(1_700_000_000_000 + 3 * 3_600_000))).toBe('3 hours ago');
    expect(tokens('Posted {date_short} at {time}')).toBe('Posted Nov 15, 2023 at 6:13 AM');
    expect(tokens('{date}', 'zh')).toBe('2023年11月15日');
    expect(tokens('{date_long}', 'zh')).toBe('2023年11月15日星期三');
    expect(tokens('{date_pretty}', 'zh')).toBe('今天');
    expect(tokens('{date_short_pretty}', 'zh', new Date('2023-11-14T03:00:00Z'))).toBe('明天');
    expect(tokens('{ago}', 'zh', new Date(1_700_000_000_000 + 2 * 86_400_000))).toBe('前天');
  });

  it('shows a date\'s fallback for an unknown token, and links a date that has one', () => {
    expect(visibleText(render('<!date^1700000000^{nonsense}|Nov 15>'))).toBe('Nov 15');
    const html = render('<!date^1700000000^{date_num}^https://example.com/day|x>');
    expect(onlyTag(html, {}, 'a').attrs.href).toBe('https://example.com/day');
    expect(onlyTag(html, {}, 'time').attrs).toMatchObject({ datetime: '2023-11-14T22:13:20.000Z', title: 'x' });
  });

  it('renders the bot\'s own slackDate() tokens in the reader\'s zone', () => {
    const at = new Date('2023-10-31T02:00:00Z');
    expect(visibleText(render(slackDate(at, 'UTC')))).toBe('Oct 31, 2023 10:00 AM');
    expect(visibleText(mrkdwnToHtml(slackDate(at, 'UTC', 'date'), testContext({ timeZone: 'America/Los_Angeles' })))).toBe('Oct 30, 2023');
  });

  it('emoji shortcodes: known ones as emoji, unknown ones as text', () => {
    expect(visibleText(render(':rotating_light: :tada::+1: :warning: :no_such_emoji: :thumbsup::skin-tone-3:'))).toBe('🚨 🎉👍 ⚠️ :no_such_emoji: 👍');
    expect(render('12:30:45')).toBe('12:30:45');
    expect(onlyTag(render(':tada:'), { class: 'sk-emoji' }).attrs.title).toBe(':tada:');
  });
});

describe('mrkdwn escaping', () => {
  it('shows Slack\'s &amp; &lt; &gt; as the characters, never as markup', () => {
    const html = render('AT&amp;T &lt;b&gt;not bold&lt;/b&gt; &lt;@U1&gt; &amp;lt;');
    expect(visibleText(html)).toBe('AT&T <b>not bold</b> <@U1> &lt;');
    expect(startTags(html)).toEqual([]);
  });

  it('is XSS-safe: raw tags, attribute breakouts and javascript: links stay text', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      '<javascript:alert(1)|click me>',
      '<data:text/html;base64,PHNjcmlwdD4=|click>',
      '<https://ok.example/"onmouseover="alert(1)|x>',
      '*<script>*',
      '`<script>`',
      '```<script>```',
      '> <script>',
      '<!date^1^{date}^javascript:alert(1)|<script>>',
      '\uE0000\uE001<script>',
    ];
    for (const text of hostile) {
      const html = render(text);
      for (const tag of startTags(html)) {
        expect(['a', 'b', 'i', 's', 'code', 'pre', 'blockquote', 'span', 'time', 'br'], text).toContain(tag.name);
        expect(Object.keys(tag.attrs).filter((name) => name.startsWith('on')), text).toEqual([]);
        expect(tag.attrs.href ?? 'https:', text).toMatch(/^(https?|mailto):/);
      }
    }
    expect(visibleText(render('<script>alert(1)</script>'))).toBe('<script>alert(1)</script>');
    expect(visibleText(render('<javascript:alert(1)|click me>'))).toBe('click me');
  });

  it('renders what the bot escaped from user text exactly as typed', () => {
    const typed = '<!channel> & <https://evil.example|click> *x*';
    expect(visibleText(render(escapeInline(typed)))).toBe(typed);
    expect(visibleText(render(escapeText('a < b & c > d')))).toBe('a < b & c > d');
  });
});

describe('mrkdwn in Chinese', () => {
  it('renders Chinese text, formatting between spaces, and CJK mention names', () => {
    const html = render('线索 *20231110001* 已移至 *方案* 阶段，负责人 <@U3>。:tada:');
    expect(html).toContain('<b>20231110001</b>');
    expect(html).toContain('<b>方案</b>');
    expect(visibleText(html)).toBe('线索 20231110001 已移至 方案 阶段，负责人 @王芳。🎉');
  });

  it('like Slack, does not format markers glued to Chinese characters or fullwidth punctuation', () => {
    expect(visibleText(render('已*成交*，金额'))).toBe('已*成交*，金额');
    expect(visibleText(render('*基线*：最近 3 个月'))).toBe('*基线*：最近 3 个月');
    expect(render('\u200b*成交*\u200b')).toContain('<b>成交</b>');
  });
});

describe('plain_text', () => {
  it('escapes, converts emoji unless emoji is false, keeps newlines', () => {
    const html = plainText('*not bold* <b> & :tada:\nnext');
    expect(html).toMatch(/^\*not bold\* &lt;b&gt; &amp; <span class="sk-emoji"[^>]*>🎉<\/span><br>next$/);
    expect(plainText(':tada:', false)).toBe(':tada:');
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });
});
