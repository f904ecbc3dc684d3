import { describe, expect, it } from 'vitest';
import { renderBlocks, renderConfirm, renderView } from '../../src/playground/page/block-kit.js';
import { formStateValues, viewInputs } from '../../src/playground/page/view-state.js';
import { testContext, visibleText } from './context.js';
import { expectWellFormed, innerOf, onlyTag, startTags, tagsWith } from './html.js';
import * as examples from './slack-examples.js';

const context = testContext();

function render(...blocks: unknown[]): string {
  const html = renderBlocks(blocks, context);
  expectWellFormed(html);
  return html;
}

describe("Slack's documented section blocks", () => {
  it('formats the mrkdwn text', () => {
    const html = render(examples.SECTION_TEXT);
    expect(html).toContain('A message <b>with some bold text</b> and <i>some italicized text</i>.');
    expect(onlyTag(html, { 'data-block-type': 'section' }).attrs['data-block-id']).toMatch(/^[0-9a-z]{5}$/);
  });

  it('puts fields in the two-column grid, plain_text fields unformatted', () => {
    const html = render(examples.SECTION_WITH_FIELDS);
    expect(html).toMatch(/<div class="sk-section-fields"><div class="sk-section-field">High<\/div><div class="sk-section-field">String<\/div><\/div>/);
  });

  it('renders a date picker accessory that sends block_actions', () => {
    const html = render(examples.SECTION_WITH_DATEPICKER);
    expect(html).toContain('<b>Sally</b> has requested you set the deadline');
    const picker = onlyTag(html, { 'data-action-id': 'datepicker123' }, 'input');
    expect(picker.attrs).toMatchObject({ type: 'date', value: '1990-04-28', placeholder: 'Select a date', 'data-action-type': 'datepicker', 'data-element-type': 'datepicker' });
    expect(picker.attrs['data-block-id']).toBe(onlyTag(html, { 'data-block-type': 'section' }).attrs['data-block-id']);
  });

  it('links the bold request, target without a scheme', () => {
    const html = render(examples.SECTION_WITH_LINK);
    expect(visibleText(html)).toBe('You have a new request:\nFred Enriquez - New device request');
    expect(html).toContain('<b><a class="sk-link" href="http://fakeLink.toEmployeeProfile.com"');
  });
});

describe("Slack's documented actions blocks", () => {
  it('a static select with its placeholder and options, and a button', () => {
    const html = render(examples.ACTIONS_SELECT_AND_BUTTON);
    const select = onlyTag(html, { 'data-action-id': 'select_2' }, 'select');
    expect(select.attrs).toMatchObject({ 'data-action-type': 'static_select', 'data-block-id': 'actions1', name: 'actions1/select_2' });
    expect(tagsWith(html, {}, 'option').map((option) => option.attrs.value)).toEqual(['', 'matilda', 'glinda', 'grannyWeatherwax', 'hermione']);
    expect(html).toContain('<option value="" selected hidden>Which witch is the witchiest witch?</option>');
    const button = onlyTag(html, { 'data-action-id': 'button_1' }, 'button');
    expect(button.attrs).toMatchObject({ 'data-action-type': 'button', 'data-block-id': 'actions1', 'data-value': 'cancel', class: 'sk-button' });
    expect(innerOf(html, button)).toBe('Cancel');
  });

  it('a date picker, an overflow menu of five options and a button', () => {
    const html = render(examples.ACTIONS_DATEPICKER_OVERFLOW_BUTTON);
    expect(onlyTag(html, { 'data-action-id': 'datepicker123' }).attrs['data-block-id']).toBe('actionblock789');
    const options = tagsWith(html, { 'data-action-type': 'overflow', 'data-action-id': 'overflow' }, 'button');
    expect(options.map((option) => option.attrs['data-value'])).toEqual(['value-0', 'value-1', 'value-2', 'value-3', 'value-4']);
    expect(innerOf(html, options[0]!)).toBe('*this is plain_text text*');
    expect(onlyTag(html, { 'data-overflow-toggle': true }).attrs['aria-haspopup']).toBe('menu');
    expect(onlyTag(html, { 'data-action-id': 'button' }).attrs['data-value']).toBe('click_me_123');
  });

  it('primary style, a confirm dialog carried as data-confirm, a URL button, an accessibility label', () => {
    const html = render(examples.ACTIONS_BUTTONS_WITH_CONFIRM);
    const save = onlyTag(html, { 'data-action-id': 'button' }, 'button');
    expect(save.attrs.class).toBe('sk-button sk-button-primary');
    expect(JSON.parse(save.attrs['data-confirm']!)).toEqual(examples.CONFIRM);
    const link = onlyTag(html, { href: 'https://docs.slack.dev/block-kit/' }, 'a');
    expect(link.attrs).toMatchObject({ target: '_blank', 'data-action-type': 'button', 'data-url': 'https://docs.slack.dev/block-kit/' });
    expect(link.attrs['data-action-id']).toMatch(/^[0-9a-z]{5}$/);
    expect(onlyTag(html, { 'data-action-id': 'button_a11y' }).attrs['aria-label']).toBe('This label will be read out by screen readers');
  });

  it('the confirm dialog itself, for the page to show before acting', () => {
    const html = renderConfirm(examples.CONFIRM, context);
    expectWellFormed(html);
    expect(visibleText(html)).toBe("Are you sure?Wouldn't you prefer a good game of chess?Stop, I've changed my mind!Do it");
    expect(html).toContain('<i>chess</i>');
    expect(onlyTag(html, { 'data-confirm-action': 'confirm' }).attrs.class).toBe('sk-button sk-button-primary');
    expect(innerOf(html, onlyTag(html, { 'data-confirm-action': 'deny' }))).toBe('Stop, I&#39;ve changed my mind!');
  });
});

describe("Slack's documented context, header, image and divider blocks", () => {
  it('context: a small image and grey mrkdwn, where **double** is not bold', () => {
    const html = render(examples.CONTEXT);
    expect(onlyTag(html, { class: 'sk-context-image' }, 'img').attrs).toMatchObject({ src: 'https://image.freepik.com/free-photo/red-drawing-pin_1156-445.jpg', alt: 'images' });
    expect(html).toContain('<span class="sk-context-text">Location: **Dogpatch**</span>');
  });

  it('header: plain text in the header style', () => {
    const html = render(examples.HEADER);
    expect(html).toContain('data-block-id="budget-header"');
    expect(html).toContain('<h2 class="sk-header">Budget Performance</h2>');
  });

  it('image: its title and alt text; divider: a rule', () => {
    const html = render(examples.IMAGE, examples.DIVIDER);
    expect(onlyTag(html, { class: 'sk-image' }, 'img').attrs).toMatchObject({ src: 'http://placekitten.com/500/500', alt: 'An incredibly cute kitten.' });
    expect(html).toContain('<figcaption class="sk-image-title">Please enjoy this photo of a kitten</figcaption>');
    expect(html).toContain('<hr class="sk-divider">');
  });
});

describe("Slack's documented rich text block", () => {
  const html = render(examples.RICH_TEXT);

  it('styles text runs and links', () => {
    expect(html).toContain('<b>Hey!</b> this is <s>very</s> rich text <code class="sk-code">block</code> <i>test</i> <u>links</u>');
    expect(tagsWith(html, { href: 'https://slack.com', class: 'sk-link' }, 'a')).toHaveLength(3);
    expect(html).toContain('<a class="sk-link" href="https://slack.com" target="_blank" rel="noopener noreferrer">Slack website!</a>');
  });

  it('lists: ordered with indents and an offset, bullets, in order', () => {
    const lists = tagsWith(html, { class: true }, 'ol').concat(tagsWith(html, { class: true }, 'ul')).sort((a, b) => a.at - b.at);
    expect(lists.map((list) => [list.name, list.attrs['data-indent'], list.attrs.start])).toEqual([
      ['ol', '0', undefined],
      ['ol', '1', undefined],
      ['ol', '2', undefined],
      ['ol', '0', '3'],
      ['ul', '0', undefined],
    ]);
    expect(html).toContain('<li>a</li><li>b</li>');
    expect(html).toContain('<li>todo</li><li>todo</li><li>todo</li>');
  });

  it('quote, preformatted text, mentions and dates', () => {
    expect(html).toContain('<blockquote class="sk-quote">this is very important</blockquote>');
    expect(html).toContain('<pre class="sk-pre">print(&quot;Hello world&quot;)</pre>');
    expect(onlyTag(html, { 'data-user-id': 'WJC6QG0MS' }).attrs.class).toBe('sk-mention');
    expect(onlyTag(html, { 'data-usergroup-id': 'S01BL602YLU' }).attrs.class).toContain('sk-usergroup');
    expect(onlyTag(html, { 'data-channel-id': 'C02GD0YEHDJ' }).attrs.class).toContain('sk-channel');
    const dates = tagsWith(html, {}, 'time').map((time) => innerOf(html, time));
    expect(dates).toEqual(['Wednesday, August 11th, 2021', '2024-07-11 at 11:03 PM', 'Aug 11, 2021', '2 years ago']);
    expect(html).toContain('<a class="sk-link" href="https://slack.com" target="_blank" rel="noopener noreferrer"><time');
  });
});

describe("Slack's documented table blocks", () => {
  it('header row, wrapped first column, right-aligned second', () => {
    const html = render(examples.TABLE);
    const headers = tagsWith(html, { scope: 'col' }, 'th');
    expect(headers.map((cell) => [innerOf(html, cell), cell.attrs.class])).toEqual([
      ['Header A', 'sk-cell sk-align-left sk-wrap'],
      ['Header B', 'sk-cell sk-align-right'],
    ]);
    expect(tagsWith(html, {}, 'td').map((cell) => innerOf(html, cell))).toEqual(['Data 1A', 'Data 1B', 'Data 2A', 'Data 2B']);
  });

  it('a rich text cell with a link', () => {
    const html = render(examples.TABLE_WITH_RICH_TEXT);
    expect(onlyTag(html, { href: 'https://slack.com' }, 'a')).toBeDefined();
    expect(visibleText(html)).toContain('Data 1B');
  });
});

describe("Slack's documented data table block", () => {
  const html = render(examples.DATA_TABLE);

  it('caption, sortable header cells, rich text badges', () => {
    expect(html).toContain('<caption class="sk-table-caption">A Fabulous Table</caption>');
    const headers = tagsWith(html, { 'data-sortable': 'true' }, 'th');
    expect(headers.map((cell) => [visibleText(innerOf(html, cell)), cell.attrs['data-column'], cell.attrs['data-sort-type']])).toEqual([
      ['Name', '0', 'text'],
      ['Department', '1', 'text'],
      ['Badge', '2', 'text'],
    ]);
    expect(html).toContain('<b>Blue</b>');
    expect(html).toContain('Green<i>review</i>');
    expect(visibleText(html)).toContain('O&D');
  });

  it('rows carry sort keys, the first column as row header; three rows fit the default page of five', () => {
    const rowHeaders = tagsWith(html, { scope: 'row' }, 'th');
    expect(rowHeaders.map((cell) => cell.attrs['data-sort-key'])).toEqual(['Data Refinement Department', 'Art Sourcing Department', 'Wellness Department']);
    expect(tagsWith(html, { 'data-sort-key': 'Greenreview' }, 'td')).toHaveLength(1);
    expect(onlyTag(html, { class: 'sk-data-table' }).attrs).toMatchObject({ 'data-page-size': '5', 'data-row-count': '3', 'data-page': '1' });
    expect(html).not.toContain('sk-pagination');
    expect(html).not.toContain(' hidden');
  });
});

describe("Slack's documented input blocks", () => {
  const html = render(...examples.INPUT_BLOCKS);

  it('each input gets a label, a control, generated ids and a form name', () => {
    const controls = startTags(html).filter((tag) => 'data-element-type' in tag.attrs);
    expect(controls.map((tag) => [tag.name, tag.attrs['data-element-type']])).toEqual([
      ['input', 'plain_text_input'],
      ['textarea', 'plain_text_input'],
      ['input', 'datepicker'],
      ['select', 'channels_select'],
      ['select', 'multi_users_select'],
      ['div', 'checkboxes'],
      ['input', 'plain_text_input'],
      ['input', 'plain_text_input'],
    ]);
    for (const control of controls) {
      expect(control.attrs['data-block-id']).toMatch(/^[0-9a-z]{5}$/);
      if (control.name !== 'div') expect(control.attrs.name).toBe(`${control.attrs['data-block-id']}/${control.attrs['data-action-id']}`);
    }
    expect(tagsWith(html, { class: 'sk-input-label' }, 'label')).toHaveLength(8);
  });

  it('placeholders, the initial date, the hint, the checkboxes, and dispatch_action', () => {
    expect(onlyTag(html, { 'data-element-type': 'datepicker' }).attrs).toMatchObject({ value: '1990-04-28', placeholder: 'Select a date' });
    expect(html).toContain('<option value="" selected hidden>Select a channel</option>');
    expect(onlyTag(html, { 'data-element-type': 'multi_users_select' }).attrs).toMatchObject({ multiple: '', 'data-placeholder': 'Select users' });
    expect(tagsWith(html, { type: 'checkbox' }, 'input').map((box) => box.attrs.value)).toEqual(['value-0', 'value-1', 'value-2']);
    expect(html).toContain('<div class="sk-input-hint">some hint</div>');
    const dispatching = onlyTag(html, { 'data-action-id': 'plain_text_input-action' });
    expect(dispatching.attrs).toMatchObject({ 'data-dispatch-action': 'true', 'data-action-type': 'plain_text_input' });
    expect(startTags(html).filter((tag) => tag.attrs['data-dispatch-action'])).toHaveLength(1);
  });
});

describe('a modal of the documented form elements', () => {
  const html = renderView(examples.MODAL, context, { errors: { emailInput: 'Please enter a work email.' } });

  it('frames the blocks with title, Cancel and Submit, in a form', () => {
    expectWellFormed(html);
    expect(onlyTag(html, { 'data-view-type': 'modal' }).attrs['data-callback-id']).toBe('modal-id');
    expect(innerOf(html, onlyTag(html, { class: 'sk-modal-title' }))).toBe('Awesome Modal');
    expect(innerOf(html, onlyTag(html, { 'data-view-action': 'submit' }))).toBe('Submit');
    expect(tagsWith(html, { 'data-view-action': 'close' }).length).toBe(2);
    expect(onlyTag(html, { 'data-view-form': true }, 'form')).toBeDefined();
  });

  it('renders each element with its initial value', () => {
    expect(innerOf(html, onlyTag(html, { name: 'plainTextInput/plain_input' }, 'textarea'))).toBe('TODO');
    expect(onlyTag(html, { name: 'plainTextInput/plain_input' }).attrs).toMatchObject({ minlength: '1', maxlength: '10', required: '' });
    expect(tagsWith(html, {}, 'optgroup').map((group) => group.attrs.label)).toEqual(['Group 1', 'Group 2']);
    expect(onlyTag(html, { name: 'multiStaticSelect/text1234' }).attrs['data-max-selected']).toBe('1');
    expect(onlyTag(html, { value: 'U123' }, 'option').attrs.selected).toBe('');
    expect(tagsWith(html, { name: 'checkboxes/this_is_an_action_id', checked: true }).map((box) => box.attrs.value)).toEqual(['A1']);
    expect(tagsWith(html, { name: 'radioButtons/this_is_an_action_id', checked: true }).map((box) => box.attrs.value)).toEqual(['A1']);
    // 1628633820 is 2021-08-10 22:17 UTC: the next morning in Shanghai.
    expect(onlyTag(html, { name: 'datetimepicker/datetimepicker123' }).attrs).toMatchObject({ type: 'datetime-local', value: '2021-08-11T06:17' });
    expect(onlyTag(html, { name: 'timepicker/timepicker123' }).attrs).toMatchObject({ type: 'time', value: '11:40' });
    expect(onlyTag(html, { name: 'numberInput/number_input-action' }).attrs).toMatchObject({ type: 'number', value: '7', min: '1', max: '10', step: '1' });
    expect(onlyTag(html, { name: 'emailInput/email_text_input-action' }).attrs.type).toBe('email');
    expect(onlyTag(html, { name: 'urlInput/url_text_input-action' }).attrs.type).toBe('url');
  });

  it('shows a response_action errors message beside its field, in red', () => {
    expect(onlyTag(html, { 'data-block-id': 'emailInput', 'data-block-type': 'input' }).attrs.class).toContain('sk-input-invalid');
    expect(html).toContain('<div class="sk-input-error" role="alert">Please enter a work email.</div>');
    expect(onlyTag(html, { name: 'emailInput/email_text_input-action' }).attrs['aria-invalid']).toBe('true');
  });

  it('reads the submitted form back as Slack sends view.state.values', () => {
    const entered: Record<string, string[]> = {
      'plainTextInput/plain_input': ['Hello'],
      'staticSelectGroups/text1234': ['value-3'],
      'multiStaticSelect/text1234': [],
      'usersSelect/text1234': ['U123'],
      'checkboxes/this_is_an_action_id': ['A1', 'A2'],
      'radioButtons/this_is_an_action_id': ['A2'],
      'datetimepicker/datetimepicker123': ['2021-08-11T06:17'],
      'timepicker/timepicker123': [''],
      'numberInput/number_input-action': ['7'],
      'emailInput/email_text_input-action': [''],
    };
    expect(viewInputs(examples.MODAL).map((input) => input.name)).toEqual(Object.keys(entered).concat('urlInput/url_text_input-action'));
    expect(formStateValues(examples.MODAL, (name) => entered[name] ?? [], 'Asia/Shanghai')).toEqual({
      plainTextInput: { plain_input: { type: 'plain_text_input', value: 'Hello' } },
      staticSelectGroups: { text1234: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: '*this is plain_text text*' }, value: 'value-3' } } },
      multiStaticSelect: { text1234: { type: 'multi_static_select', selected_options: [] } },
      usersSelect: { text1234: { type: 'users_select', selected_user: 'U123' } },
      checkboxes: {
        this_is_an_action_id: {
          type: 'checkboxes',
          selected_options: [
            { text: { type: 'plain_text', text: 'Checkbox 1' }, value: 'A1' },
            { text: { type: 'plain_text', text: 'Checkbox 2' }, value: 'A2' },
          ],
        },
      },
      radioButtons: { this_is_an_action_id: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: 'Radio 2' }, value: 'A2' } } },
      datetimepicker: { datetimepicker123: { type: 'datetimepicker', selected_date_time: 1628633820 } },
      timepicker: { timepicker123: { type: 'timepicker', selected_time: null } },
      numberInput: { 'number_input-action': { type: 'number_input', value: '7' } },
      emailInput: { 'email_text_input-action': { type: 'email_text_input', value: null } },
      urlInput: { 'url_text_input-action': { type: 'url_text_input', value: null } },
    });
  });
});
