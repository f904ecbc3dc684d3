import { describe, expect, it } from 'vitest';
import { renderBlocks, renderView } from '../../src/playground/page/block-kit.js';
import { formStateValues, viewInputs } from '../../src/playground/page/view-state.js';
import { encodeCardAction } from '../../src/slack/blocks/lead-card.js';
import { readInputs } from '../../src/slack/listeners/views/view-state.js';
import { testContext, visibleText } from './context.js';
import { expectWellFormed, innerOf, onlyTag, startTags, tagsWith } from './html.js';
import { leadopsPayloads } from './leadops-payloads.js';
import * as examples from './slack-examples.js';

const ALLOWED_TAGS = new Set([
  'div', 'span', 'b', 'i', 's', 'u', 'a', 'br', 'code', 'pre', 'blockquote', 'time', 'h1', 'h2', 'hr', 'figure', 'figcaption', 'img',
  'ul', 'ol', 'li', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'button', 'select', 'option', 'optgroup', 'input', 'textarea',
  'label', 'form', 'svg', 'title', 'line', 'text', 'rect', 'polyline', 'circle',
]);

function expectSafe(html: string, what: string): void {
  expectWellFormed(html);
  for (const tag of startTags(html)) {
    expect(ALLOWED_TAGS.has(tag.name), `${what}: <${tag.name}>`).toBe(true);
    expect(Object.keys(tag.attrs).filter((name) => name.startsWith('on')), what).toEqual([]);
    if (tag.attrs.href !== undefined) expect(tag.attrs.href, what).toMatch(/^(https?:|mailto:|\/)/);
    if (tag.attrs.src !== undefined) expect(tag.attrs.src, what).toMatch(/^(https?:|\/)/);
  }
}

describe.each(['en', 'zh'] as const)('the bot\'s own payloads render (%s)', (locale) => {
  const context = testContext({ locale });
  const payloads = leadopsPayloads(locale);

  it.each(Object.keys(payloads.messages))('message %s: every block supported, safe HTML', (name) => {
    const html = renderBlocks(payloads.messages[name]!, context);
    expectSafe(html, name);
    expect(html, name).not.toContain('sk-unsupported');
    expect(tagsWith(html, { 'data-block-type': true }).length).toBe(payloads.messages[name]!.length);
  });

  it.each(Object.keys(payloads.views))('view %s: every block supported, safe HTML', (name) => {
    const html = renderView(payloads.views[name], context);
    expectSafe(html, name);
    expect(html, name).not.toContain('sk-unsupported');
  });

  it('the lead card: the typed name literal, fields, dates, buttons carrying their JSON values', () => {
    const html = renderBlocks(payloads.messages.leadCard!, context);
    expect(visibleText(html)).toContain('*Acme* <script>alert(1)</script> & Co');
    expect(tagsWith(html, { class: 'sk-section-field' }).length).toBeGreaterThanOrEqual(8);
    expect(tagsWith(html, { class: 'sk-date' }, 'time').length).toBeGreaterThanOrEqual(4);
    const buttons = tagsWith(html, { 'data-action-type': 'button', 'data-block-id': 'lead_actions_20231110001' }, 'button');
    expect(buttons.map((button) => [button.attrs['data-action-id'], button.attrs.class])).toEqual([
      ['lead_advance', 'sk-button sk-button-primary'],
      ['lead_open_follow_up', 'sk-button'],
      ['lead_open_lose', 'sk-button sk-button-danger'],
      ['lead_open_edit', 'sk-button'],
    ]);
    expect(buttons.map((button) => button.attrs['data-value'])).toEqual(Array(4).fill(encodeCardAction({ number: '20231110001', stage: 'PROPOSAL' })));
  });

  it('the owners table: people by name in rich text cells, counts right-aligned', () => {
    const html = renderBlocks(payloads.messages.owners!, context);
    expect(onlyTag(html, { 'data-user-id': 'U1' }).attrs.class).toBe('sk-mention');
    expect(tagsWith(html, { class: 'sk-cell sk-align-right' }, 'td').length).toBeGreaterThan(0);
  });

  it('the funnel digest: image by Slack file id, a sortable data table of numbers, the footer', () => {
    const html = renderBlocks(payloads.messages.funnelDigest!, context);
    expect(onlyTag(html, { class: 'sk-image' }, 'img').attrs.src).toBe('/files/F123.png');
    const table = onlyTag(html, { class: 'sk-data-table' });
    expect(table.attrs).toMatchObject({ 'data-page-size': '6', 'data-row-count': '6' });
    expect(tagsWith(html, { 'data-sortable': 'true' }, 'th').map((cell) => cell.attrs['data-sort-type'])).toEqual(['text', 'number', 'number', 'text', 'text', 'text']);
    expect(tagsWith(html, { scope: 'row' }, 'th')).toHaveLength(6);
    expect(tagsWith(html, { 'data-block-type': 'context' })).toHaveLength(1);
    expect(visibleText(html)).toContain('🚨');
  });

  it('native charts: a line chart of the trend, a bar chart of overdue follow-ups', () => {
    const trend = renderBlocks(payloads.messages.funnelDigestNative!, context);
    expect(tagsWith(trend, { class: 'sk-chart-line' }, 'polyline')).toHaveLength(2);
    const overdue = renderBlocks(payloads.messages.overdueDigest!, context);
    expect(tagsWith(overdue, { class: 'sk-chart-bar' }, 'rect').length).toBeGreaterThan(0);
    expect(tagsWith(overdue, { class: 'sk-chart-label' }, 'text').map((label) => innerOf(overdue, label))).toEqual(['Alice Chen', 'Bob']);
    expect(tagsWith(overdue, { 'data-sort-key': '@Alice Chen', scope: 'row' }, 'th')).toHaveLength(1);
  });

  it('the goals list: Close asks for confirmation first', () => {
    const html = renderBlocks(payloads.messages.goalsList!, context);
    const close = tagsWith(html, { 'data-action-id': 'goal_close' }, 'button');
    expect(close).toHaveLength(2);
    expect(JSON.parse(close[0]!.attrs['data-confirm']!).confirm.type).toBe('plain_text');
    expect(tagsWith(html, { 'data-action-id': 'goal_edit', 'data-value': '1' })).toHaveLength(1);
  });

  it('the App Home: the due leads with their buttons, the open leads with their menus', () => {
    const html = renderView(payloads.views.home, context);
    expect(onlyTag(html, { 'data-view-type': 'home' })).toBeDefined();
    expect(visibleText(html)).toContain('20231000003');
    expect(tagsWith(html, { 'data-action-id': 'lead_open_follow_up' }, 'button').length).toBeGreaterThanOrEqual(4);
    expect(tagsWith(html, { class: 'sk-overflow-toggle' }, 'button').length).toBe(4);
    expect(html).not.toContain('sk-unsupported');
    const manager = renderView(payloads.views.homeManager, context);
    expect(tagsWith(manager, { 'data-action-id': 'home_weekly_digest' }, 'button')).toHaveLength(1);
  });

  it('the new lead modal: every control, and a submission the bot\'s own listener accepts', () => {
    const view = payloads.views.newLead;
    const html = renderView(view, context);
    expect(tagsWith(html, { 'data-element-type': true }).map((control) => control.attrs['data-element-type'])).toEqual([
      // name, contact email and phone, source, campaign, content asset, customer type, industry, owner, acquired, next, notes
      'plain_text_input', 'plain_text_input', 'plain_text_input', 'plain_text_input', 'plain_text_input', 'plain_text_input', 'static_select', 'plain_text_input', 'users_select', 'datetimepicker', 'datepicker', 'plain_text_input',
    ]);
    expect(onlyTag(html, { name: 'name/name' }).attrs.value).toBe('Acme & <Co>');
    expect(onlyTag(html, { name: 'acquired_at/acquired_at' }).attrs.value).toBe('2023-11-10T10:00');
    const entered: Record<string, string[]> = { 'name/name': ['Acme'], 'customer_type/customer_type': ['ENTERPRISE'], 'owner/owner': ['U2'], 'acquired_at/acquired_at': ['2023-11-10T10:00'], 'next_follow_up/next_follow_up': ['2023-11-20'] };
    const values = formStateValues(view, (name) => entered[name] ?? [''], context.timeZone);
    const input = readInputs(values);
    expect(input('name')?.value).toBe('Acme');
    expect(input('campaign')?.value).toBeNull();
    expect(input('customer_type')?.selected_option?.value).toBe('ENTERPRISE');
    expect(values.customer_type!.customer_type!.selected_option!.text.text).toBe(locale === 'en' ? 'Enterprise' : '企业');
    expect(input('owner')?.selected_user).toBe('U2');
    expect(input('acquired_at')?.selected_date_time).toBe(Date.parse('2023-11-10T02:00:00Z') / 1000);
    expect(input('next_follow_up')?.selected_date).toBe('2023-11-20');
  });

  it('the import modal: a file picker for one CSV or .xlsx, the dry run ticked; the file ids the page hands over read back as the bot reads them', () => {
    const html = renderView(payloads.views.importSheet, context);
    const picker = onlyTag(html, { type: 'file' }, 'input');
    expect(picker.attrs).toMatchObject({ name: 'import_file/import_file', accept: '.csv,.xlsx', 'data-element-type': 'file_input', 'data-max-files': '1' });
    expect(picker.attrs.multiple).toBeUndefined();
    expect(onlyTag(html, { name: 'import_options/import_options' }, 'input').attrs.checked).toBeDefined();
    const values = formStateValues(payloads.views.importSheet, (name) => (name === 'import_file/import_file' ? ['F0001'] : name === 'import_options/import_options' ? ['dry_run'] : []), context.timeZone);
    const input = readInputs(values);
    expect(input('import_file')?.files).toEqual([{ id: 'F0001' }]);
    expect(input('import_options')?.selected_options?.map((option) => option.value)).toEqual(['dry_run']);
  });

  it('the lose and goal modals: a multi select of reasons, dispatching selects, a users select', () => {
    const lose = payloads.views.loseLead;
    const state = formStateValues(lose, (name) => (name === 'known_reasons/known_reasons' ? ['timing'] : []), context.timeZone);
    expect(readInputs(state)('known_reasons')?.selected_options?.map((option) => option.value)).toEqual(['timing']);
    const goal = renderView(payloads.views.goal, context);
    expect(tagsWith(goal, { 'data-dispatch-action': 'true' }).map((control) => control.attrs.name)).toEqual(['goal_metric/goal_metric', 'goal_period/goal_period', 'goal_owner/goal_owner', 'goal_channel/goal_channel']);
    expect(onlyTag(goal, { name: 'goal_owner/goal_owner' }).attrs['data-action-type']).toBe('users_select');
    expect(tagsWith(goal, { selected: true }, 'option').map((option) => option.attrs.value)).toEqual(['NEW_LEADS', 'this-month', 'U2', '']);
    expect(viewInputs(payloads.views.goal).map((item) => item.name)).toContain('goal_target/goal_target');
  });
});

/** Every string of a payload replaced, as if each field held text a hostile user typed. */
function poisoned(value: unknown, key = ''): unknown {
  const hostile = `<script>alert(1)</script>"'><img src=x onerror=alert(1)>&amp;<javascript:alert(1)|x>`;
  if (typeof value === 'string') return ['type', 'style', 'align'].includes(key) ? value : key.endsWith('url') ? 'javascript:alert(1)' : hostile;
  if (Array.isArray(value)) return value.map((item) => poisoned(item, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, poisoned(item, name)]));
  return value;
}

describe('no field of any payload can inject markup', () => {
  const context = testContext({ userName: () => '<b onclick=x>', channelName: () => '"><script>', fileUrl: () => 'javascript:alert(1)', users: [{ id: '"><x', name: '<script>' }] });
  const payloads = leadopsPayloads('en');
  const all: Array<[string, unknown]> = [
    ...Object.entries(payloads.messages).map(([name, blocks]): [string, unknown] => [name, { type: 'home', blocks }]),
    ...Object.entries(payloads.views),
    ['slack examples', { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [...Object.values(examples).filter((example) => typeof example === 'object' && 'type' in example && example.type !== 'modal'), ...examples.INPUT_BLOCKS, ...examples.MODAL.blocks] }],
  ];

  it.each(all)('%s', (name, view) => {
    const html = renderView(poisoned(view), context, { errors: { name: '<script>' } });
    expectSafe(html, name);
    expect(html).not.toMatch(/<script|<img|<x/i);
  });
});
