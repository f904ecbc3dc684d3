import { describe, expect, it } from 'vitest';
import { renderBlocks, renderView } from '../../src/playground/page/block-kit.js';
import { compareSortKeys } from '../../src/playground/page/tables.js';
import { testContext, USERS, visibleText } from './context.js';
import { expectWellFormed, innerOf, onlyTag, startTags, tagsWith } from './html.js';

const context = testContext();

function render(blocks: unknown[], options = {}): string {
  const html = renderBlocks(blocks, context, options);
  expectWellFormed(html);
  return html;
}

const text = (value: string) => ({ type: 'plain_text', text: value });
const option = (value: string, label = value.toUpperCase()) => ({ text: text(label), value });

describe('section accessories', () => {
  const accessory = (element: object) => render([{ type: 'section', block_id: 'b', text: { type: 'mrkdwn', text: 'Pick' }, accessory: element }]);

  it('a button, with its value and style', () => {
    const html = accessory({ type: 'button', action_id: 'go', text: text('Go :rocket:'), value: '{"n":"1"}', style: 'danger' });
    const button = onlyTag(html, { 'data-action-id': 'go' }, 'button');
    expect(button.attrs).toMatchObject({ class: 'sk-button sk-button-danger', 'data-block-id': 'b', 'data-action-type': 'button', 'data-value': '{"n":"1"}', type: 'button' });
    expect(visibleText(innerOf(html, button))).toBe('Go 🚀');
    expect(html).toMatch(/<div class="sk-section-accessory"><button/);
  });

  it('an image', () => {
    const html = accessory({ type: 'image', image_url: 'https://example.com/cat.png', alt_text: 'cute cat' });
    expect(onlyTag(html, { class: 'sk-image-element' }, 'img').attrs).toMatchObject({ src: 'https://example.com/cat.png', alt: 'cute cat' });
  });

  it('an overflow menu, a static select with initial option, a multi select, a users select', () => {
    const overflow = accessory({ type: 'overflow', action_id: 'more', options: [option('edit'), { ...option('docs'), url: 'https://example.com/docs' }] });
    expect(tagsWith(overflow, { 'data-action-type': 'overflow' }).map((item) => [item.attrs['data-value'], item.attrs['data-url']])).toEqual([
      ['edit', undefined],
      ['docs', 'https://example.com/docs'],
    ]);
    expect(overflow).toContain('<div class="sk-overflow-menu" role="menu" hidden>');

    const select = accessory({ type: 'static_select', action_id: 's', options: [option('a'), option('b')], initial_option: option('b') });
    expect(tagsWith(select, { selected: true }, 'option').map((item) => item.attrs.value)).toEqual(['b']);
    expect(select).not.toContain('hidden>');

    const multi = accessory({ type: 'multi_static_select', action_id: 'm', options: [option('a'), option('b'), option('c')], initial_options: [option('a'), option('c')] });
    expect(onlyTag(multi, { 'data-action-id': 'm' }).attrs).toMatchObject({ multiple: '', 'data-action-type': 'multi_static_select', name: 'b/m' });
    expect(tagsWith(multi, { selected: true }, 'option').map((item) => item.attrs.value)).toEqual(['a', 'c']);

    const users = accessory({ type: 'users_select', action_id: 'u', initial_user: 'U2' });
    expect(tagsWith(users, {}, 'option').map((item) => [item.attrs.value, 'selected' in item.attrs])).toEqual([
      ['U1', false],
      ['U2', true],
      ['U3', false],
    ]);
    expect(visibleText(users)).toContain(USERS[2]!.name);
  });
});

describe('actions block elements', () => {
  const html = render([
    {
      type: 'actions',
      block_id: 'acts',
      elements: [
        { type: 'checkboxes', action_id: 'c', options: [option('x'), { ...option('y'), description: { type: 'mrkdwn', text: '*why* not' } }], initial_options: [option('y')] },
        { type: 'radio_buttons', action_id: 'r', options: [option('p'), option('q')] },
        { type: 'conversations_select', action_id: 'conv', initial_conversation: 'C1' },
        { type: 'channels_select', action_id: 'chan' },
        { type: 'timepicker', action_id: 't', initial_time: '09:30' },
        { type: 'datetimepicker', action_id: 'dt', initial_date_time: 1_700_000_000 },
        { type: 'multi_users_select', action_id: 'mu', initial_users: ['U1', 'U9'] },
        { type: 'workflow_button', action_id: 'wf', text: text('Run') },
      ],
    },
  ]);

  it('checkboxes and radio buttons: data attributes on the group, the form name on each input', () => {
    const group = onlyTag(html, { 'data-action-id': 'c' }, 'div');
    expect(group.attrs).toMatchObject({ role: 'group', 'data-action-type': 'checkboxes', 'data-element-type': 'checkboxes', 'data-block-id': 'acts' });
    expect(tagsWith(html, { name: 'acts/c' }, 'input').map((box) => [box.attrs.value, 'checked' in box.attrs])).toEqual([
      ['x', false],
      ['y', true],
    ]);
    expect(html).toContain('<span class="sk-choice-description"><b>why</b> not</span>');
    expect(onlyTag(html, { 'data-action-id': 'r' }).attrs.role).toBe('radiogroup');
    expect(tagsWith(html, { name: 'acts/r', type: 'radio' })).toHaveLength(2);
  });

  it('conversation pickers name the initial conversation; time pickers show the reader\'s wall clock', () => {
    expect(visibleText(innerOf(html, onlyTag(html, { 'data-action-id': 'conv' })))).toBe('#sales');
    expect(html).toContain('<option value="" selected hidden>Select a channel</option>');
    expect(onlyTag(html, { 'data-action-id': 't' }).attrs).toMatchObject({ type: 'time', value: '09:30' });
    expect(onlyTag(html, { 'data-action-id': 'dt' }).attrs).toMatchObject({ type: 'datetime-local', value: '2023-11-15T06:13', 'data-time-zone': 'Asia/Shanghai' });
    expect(tagsWith(html, { selected: true }, 'option').map((item) => item.attrs.value)).toEqual(['C1', '', 'U1', 'U9']);
  });

  it('an element the playground does not know shows as a placeholder', () => {
    expect(html).toContain('<span class="sk-unsupported" data-element-type="workflow_button">unsupported element: workflow_button</span>');
  });
});

describe('image blocks', () => {
  it('resolves slack_file ids through the context, uses slack_file urls as they are', () => {
    const html = render([
      { type: 'image', slack_file: { id: 'F123' }, alt_text: 'Funnel chart', title: text('Lead funnel') },
      { type: 'image', slack_file: { url: 'https://files.slack.com/files-pri/T1-F9/chart.png' }, alt_text: 'By url' },
    ]);
    expect(tagsWith(html, { class: 'sk-image' }, 'img').map((image) => [image.attrs.src, image.attrs.alt])).toEqual([
      ['/files/F123.png', 'Funnel chart'],
      ['https://files.slack.com/files-pri/T1-F9/chart.png', 'By url'],
    ]);
    expect(html).toContain('<figcaption class="sk-image-title">Lead funnel</figcaption>');
  });

  it('shows the alt text where the file is unknown or the URL unsafe', () => {
    const html = render([
      { type: 'image', slack_file: { id: 'X404' }, alt_text: 'Missing chart' },
      { type: 'image', image_url: 'javascript:alert(1)', alt_text: 'bad' },
    ]);
    expect(tagsWith(html, {}, 'img')).toEqual([]);
    expect(tagsWith(html, { class: 'sk-image-missing' }).map((box) => box.attrs['aria-label'])).toEqual(['Missing chart', 'bad']);
  });
});

describe('context, header and divider', () => {
  it('context holds mrkdwn with dates, plain text and images', () => {
    const html = render([
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Due <!date^1700000000^{date_short}|2023-11-15> by <@U1>' }, text('plain *text*'), { type: 'image', slack_file: { id: 'F1' }, alt_text: 'logo' }] },
    ]);
    expect(visibleText(html)).toBe('Due Nov 15, 2023 by @Alice Chenplain *text*');
    expect(onlyTag(html, { class: 'sk-context-image' }, 'img').attrs.src).toBe('/files/F1.png');
  });

  it('header converts emoji, escapes markup', () => {
    expect(render([{ type: 'header', text: text(':bar_chart: Q4 <report>') }])).toContain('<h2 class="sk-header"><span class="sk-emoji"');
    expect(visibleText(render([{ type: 'header', text: text(':bar_chart: Q4 <report>') }]))).toBe('📊 Q4 <report>');
  });
});

describe('rich text elements', () => {
  it('emoji by code point or name, broadcasts, colors, and text newlines', () => {
    const html = render([
      {
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [
              { type: 'emoji', name: 'grinning', unicode: '1f600' },
              { type: 'emoji', name: 'tada' },
              { type: 'emoji', name: 'custom-party' },
              { type: 'broadcast', range: 'here' },
              { type: 'color', value: '#e01e5a' },
              { type: 'text', text: 'line\nnext', style: { bold: true, italic: true } },
            ],
          },
        ],
      },
    ]);
    expect(visibleText(html)).toBe('😀🎉:custom-party:@here#e01e5aline\nnext');
    expect(html).toContain('<i><b>line<br>next</b></i>');
    expect(onlyTag(html, { class: 'sk-color-swatch' }).attrs.style).toBe('background:#e01e5a');
  });
});

describe('tables', () => {
  it('table: column settings with gaps, numbers, rich text user cells', () => {
    const html = render([
      {
        type: 'table',
        column_settings: [null, { align: 'center' }],
        rows: [
          [{ type: 'raw_text', text: 'Owner' }, { type: 'raw_text', text: 'Open' }, { type: 'raw_text', text: 'Won' }],
          [{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'user', user_id: 'U3' }] }] }, { type: 'raw_number', value: 3, text: '3' }, { type: 'raw_number', value: 1 }],
        ],
      },
    ]);
    expect(tagsWith(html, {}, 'td').map((cell) => [visibleText(innerOf(html, cell)), cell.attrs.class])).toEqual([
      ['@王芳', 'sk-cell sk-align-left'],
      ['3', 'sk-cell sk-align-center'],
      ['1', 'sk-cell sk-align-left'],
    ]);
  });

  const dataTable = (rows: number, pageSize?: number) => ({
    type: 'data_table',
    block_id: 'dt',
    caption: 'Deals',
    ...(pageSize ? { page_size: pageSize } : {}),
    rows: [
      [{ type: 'raw_text', text: 'Owner' }, { type: 'raw_text', text: 'Amount' }, { type: 'raw_text', text: 'Note' }],
      ...Array.from({ length: rows }, (_, index) => [
        { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'user', user_id: `U${(index % 3) + 1}` }] }] },
        { type: 'raw_number', value: index * 1000.5, text: `¥${index * 1000.5}` },
        index === 0 ? { type: 'raw_number', value: 1, text: 'one' } : { type: 'raw_text', text: `row ${index}` },
      ]),
    ],
  });

  it('data_table: a column of numbers sorts by number, mixed or text columns alphabetically', () => {
    const html = render([dataTable(3)]);
    expect(tagsWith(html, { 'data-sortable': 'true' }, 'th').map((cell) => cell.attrs['data-sort-type'])).toEqual(['text', 'number', 'text']);
    expect(tagsWith(html, { 'data-sort-key': true }).map((cell) => cell.attrs['data-sort-key'])).toEqual(['@Alice Chen', '0', '1', '@Bob', '1000.5', 'row 1', '@王芳', '2001', 'row 2']);
    expect(onlyTag(html, { 'data-sort-column': '1' }, 'button').attrs.class).toBe('sk-sort-button');
    expect(onlyTag(html, { 'data-column': '1' }, 'th').attrs['aria-sort']).toBe('none');
  });

  it('data_table: rows past page_size are hidden, with pagination controls', () => {
    const html = render([dataTable(12, 5)]);
    const rows = tagsWith(html, { 'data-row': true }, 'tr');
    expect(rows.map((row) => 'hidden' in row.attrs)).toEqual([false, false, false, false, false, ...Array<boolean>(7).fill(true)]);
    expect(onlyTag(html, { class: 'sk-pagination' }).attrs['data-page-count']).toBe('3');
    expect(onlyTag(html, { 'data-page-action': 'previous' }).attrs.disabled).toBe('');
    expect(innerOf(html, onlyTag(html, { 'data-page-status': true }))).toBe('1–5 of 12');
    expect(render([dataTable(6)])).toContain('data-page-size="5"');
  });

  it('compareSortKeys orders numbers numerically and words alphabetically', () => {
    expect(['10', '9', '100'].sort((a, b) => compareSortKeys(a, b, 'number'))).toEqual(['9', '10', '100']);
    expect(['row 10', 'Row 9', 'apple'].sort((a, b) => compareSortKeys(a, b, 'text'))).toEqual(['apple', 'Row 9', 'row 10']);
  });
});

describe('data_visualization', () => {
  const chart = (type: 'bar' | 'line') => ({
    type: 'data_visualization',
    title: 'Overdue by owner',
    chart: {
      type,
      series: [
        { name: '1–3 days', data: [{ label: 'Alice', value: 3 }, { label: 'Bob', value: 1 }] },
        { name: 'zombie', data: [{ label: 'Alice', value: 2 }] },
      ],
      axis_config: { categories: ['Alice', 'Bob'], x_label: 'Owner', y_label: 'Leads' },
    },
  });

  it('bar: a bar per series and category that has a value, labels, legend and title', () => {
    const html = render([chart('bar')]);
    expect(html).toContain('<figcaption class="sk-chart-title">Overdue by owner</figcaption>');
    expect(tagsWith(html, { class: 'sk-chart-bar' }, 'rect')).toHaveLength(3);
    expect(tagsWith(html, { class: 'sk-chart-label' }, 'text').map((label) => innerOf(html, label))).toEqual(['Alice', 'Bob']);
    expect(visibleText(innerOf(html, onlyTag(html, { class: 'sk-chart-legend' })))).toBe('1–3 dayszombie');
    expect(html).toContain('<title>zombie · Alice: 2</title>');
    expect(onlyTag(html, { 'data-chart-type': 'bar' }, 'figure')).toBeDefined();
    expect(tagsWith(html, { class: 'sk-chart-axis-label' }, 'text').map((label) => innerOf(html, label))).toEqual(['Owner', 'Leads']);
  });

  it('line: a polyline per series through its points', () => {
    const html = render([chart('line')]);
    expect(tagsWith(html, { class: 'sk-chart-line' }, 'polyline').map((line) => line.attrs.points!.split(' ').length)).toEqual([2, 1]);
    expect(tagsWith(html, {}, 'circle')).toHaveLength(3);
  });
});

describe('input blocks', () => {
  const input = (element: object, extra: object = {}) => ({ type: 'input', block_id: 'blk', label: text('Amount'), element: { action_id: 'act', ...element }, ...extra });

  it('labels optional inputs, marks required ones required', () => {
    const html = render([input({ type: 'plain_text_input' }, { optional: true }), { ...input({ type: 'plain_text_input' }), block_id: 'req' }]);
    expect(html).toContain('<label class="sk-input-label" for="sk-blk-act">Amount <span class="sk-optional">(optional)</span></label>');
    expect('required' in onlyTag(html, { name: 'blk/act' }).attrs).toBe(false);
    expect('required' in onlyTag(html, { name: 'req/act' }).attrs).toBe(true);
    expect(renderBlocks([input({ type: 'plain_text_input' }, { optional: true })], testContext({ locale: 'zh' }))).toContain('（可选）');
  });

  it('number inputs allow decimals only where the element does', () => {
    expect(onlyTag(render([input({ type: 'number_input', is_decimal_allowed: true, min_value: '0.5' })]), { name: 'blk/act' }).attrs).toMatchObject({ step: 'any', min: '0.5', inputmode: 'decimal' });
  });

  it('plain text inputs: placeholder, initial value, limits, multiline, dispatch triggers', () => {
    const html = render([input({ type: 'plain_text_input', multiline: true, initial_value: 'a <b> & c', max_length: 500, placeholder: text('Notes…'), dispatch_action_config: { trigger_actions_on: ['on_enter_pressed'] } }, { dispatch_action: true })]);
    const area = onlyTag(html, { name: 'blk/act' }, 'textarea');
    expect(area.attrs).toMatchObject({ maxlength: '500', placeholder: 'Notes…', 'data-dispatch-on': 'on_enter_pressed', 'data-dispatch-action': 'true', 'data-action-type': 'plain_text_input' });
    expect(innerOf(html, area)).toBe('a &lt;b&gt; &amp; c');
  });

  it('shows errors only for the blocks they name, the hint under them', () => {
    const html = render([input({ type: 'plain_text_input' }, { hint: text('Digits only') }), { ...input({ type: 'plain_text_input' }), block_id: 'other' }], { errors: { blk: 'Not a number: <x>' } });
    expect(html).toContain('<div class="sk-input-error" role="alert">Not a number: &lt;x&gt;</div><div class="sk-input-hint">Digits only</div>');
    expect(tagsWith(html, { role: 'alert' })).toHaveLength(1);
  });
});

describe('robustness', () => {
  it('renders unknown blocks as a muted placeholder and never throws on malformed JSON', () => {
    const html = render([
      { type: 'video', title: text('x') },
      null,
      'section',
      42,
      { type: 'section', text: 5, fields: 'no', accessory: [] },
      { type: 'actions', elements: [null, { type: 'button' }, { nothing: true }] },
      { type: 'input', element: null, label: null },
      { type: 'table', rows: [null, [null, { type: 'raw_number', value: 'NaN' }]], column_settings: 'x' },
      { type: 'data_table', rows: 'x' },
      { type: 'data_visualization', chart: { series: [{ data: [{ label: 'a', value: 'x' }] }] } },
      { type: 'rich_text', elements: [{ type: 'rich_text_list', elements: [{}] }, { type: 'mystery' }] },
      { type: 'image' },
      { type: 'context', elements: [{}] },
    ]);
    expect(html).toContain('<div class="sk-block sk-unsupported" data-block-type="video">unsupported block: video</div>');
    expect(tagsWith(html, { class: 'sk-block sk-unsupported' }).map((block) => block.attrs['data-block-type'])).toEqual(['video', 'null', 'string', 'number']);
    expect(renderBlocks(undefined as unknown as unknown[], context)).toBe('<div class="sk-blocks"></div>');
  });

  it('renders the App Home and unknown views around their blocks', () => {
    const html = renderView({ type: 'home', blocks: [{ type: 'header', text: text('Home') }] }, context);
    expectWellFormed(html);
    expect(onlyTag(html, { 'data-view-type': 'home' }).attrs.class).toBe('sk-view sk-home');
    expect(renderView(null, context)).toContain('data-view-type="home"');
  });

  it('a modal without submit offers only Close', () => {
    const html = renderView({ type: 'modal', title: text('Info'), blocks: [] }, context);
    expect(tagsWith(html, { 'data-view-action': 'submit' })).toEqual([]);
    expect(innerOf(html, tagsWith(html, { 'data-view-action': 'close' }, 'button')[1]!)).toBe('Close');
    expect(startTags(html).some((tag) => tag.name === 'form')).toBe(true);
  });
});
