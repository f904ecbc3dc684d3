/**
 * Slack's documented example payloads, from the Block Kit reference at
 * https://docs.slack.dev/reference/block-kit/ (blocks/, block-elements/, composition-objects/),
 * taken as Slack's own SDKs reproduce them in their "document" tests
 * (slackapi/python-slack-sdk tests/slack_sdk/models/test_blocks.py, test_elements.py,
 * test_objects.py) and the data table example of the data-table-block page.
 * Only whitespace and quoting differ from the originals.
 */

/** blocks/section-block: text only, text with fields, text with a date picker accessory. */
export const SECTION_TEXT = {
  type: 'section',
  text: { type: 'mrkdwn', text: 'A message *with some bold text* and _some italicized text_.' },
};

export const SECTION_WITH_FIELDS = {
  type: 'section',
  text: { text: 'A message *with some bold text* and _some italicized text_.', type: 'mrkdwn' },
  fields: [
    { type: 'mrkdwn', text: 'High' },
    { type: 'plain_text', emoji: true, text: 'String' },
  ],
};

export const SECTION_WITH_DATEPICKER = {
  type: 'section',
  text: { text: '*Sally* has requested you set the deadline for the Nano launch project', type: 'mrkdwn' },
  accessory: {
    type: 'datepicker',
    action_id: 'datepicker123',
    initial_date: '1990-04-28',
    placeholder: { type: 'plain_text', text: 'Select a date' },
  },
};

/** The approval example of Slack's webhook and Block Kit guides (section text with a link). */
export const SECTION_WITH_LINK = {
  type: 'section',
  text: { type: 'mrkdwn', text: 'You have a new request:\n*<fakeLink.toEmployeeProfile.com|Fred Enriquez - New device request>*' },
};

/** blocks/actions-block: a static select with a button; a date picker, an overflow menu and a button. */
export const ACTIONS_SELECT_AND_BUTTON = {
  type: 'actions',
  block_id: 'actions1',
  elements: [
    {
      type: 'static_select',
      placeholder: { type: 'plain_text', text: 'Which witch is the witchiest witch?' },
      action_id: 'select_2',
      options: [
        { text: { type: 'plain_text', text: 'Matilda' }, value: 'matilda' },
        { text: { type: 'plain_text', text: 'Glinda' }, value: 'glinda' },
        { text: { type: 'plain_text', text: 'Granny Weatherwax' }, value: 'grannyWeatherwax' },
        { text: { type: 'plain_text', text: 'Hermione' }, value: 'hermione' },
      ],
    },
    { type: 'button', text: { type: 'plain_text', text: 'Cancel' }, value: 'cancel', action_id: 'button_1' },
  ],
};

export const ACTIONS_DATEPICKER_OVERFLOW_BUTTON = {
  type: 'actions',
  block_id: 'actionblock789',
  elements: [
    { type: 'datepicker', action_id: 'datepicker123', initial_date: '1990-04-28', placeholder: { type: 'plain_text', text: 'Select a date' } },
    {
      type: 'overflow',
      options: [0, 1, 2, 3, 4].map((index) => ({ text: { type: 'plain_text', text: '*this is plain_text text*' }, value: `value-${index}` })),
      action_id: 'overflow',
    },
    { type: 'button', text: { type: 'plain_text', text: 'Click Me' }, value: 'click_me_123', action_id: 'button' },
  ],
};

/** composition-objects/confirmation-dialog-object, on the primary button example of block-elements/button-element. */
export const CONFIRM = {
  title: { type: 'plain_text', text: 'Are you sure?' },
  text: { type: 'mrkdwn', text: "Wouldn't you prefer a good game of _chess_?" },
  confirm: { type: 'plain_text', text: 'Do it' },
  deny: { type: 'plain_text', text: "Stop, I've changed my mind!" },
};

export const ACTIONS_BUTTONS_WITH_CONFIRM = {
  type: 'actions',
  block_id: 'approval',
  elements: [
    { type: 'button', text: { type: 'plain_text', text: 'Save' }, style: 'primary', value: 'click_me_123', action_id: 'button', confirm: CONFIRM },
    { type: 'button', text: { type: 'plain_text', text: 'Link Button' }, url: 'https://docs.slack.dev/block-kit/' },
    { type: 'button', text: { type: 'plain_text', text: 'Save' }, style: 'primary', value: 'click_me_123', action_id: 'button_a11y', accessibility_label: 'This label will be read out by screen readers' },
  ],
};

/** blocks/context-block, blocks/header-block, blocks/image-block, blocks/divider-block. */
export const CONTEXT = {
  type: 'context',
  elements: [
    { type: 'image', image_url: 'https://image.freepik.com/free-photo/red-drawing-pin_1156-445.jpg', alt_text: 'images' },
    { type: 'mrkdwn', text: 'Location: **Dogpatch**' },
  ],
};

export const HEADER = { type: 'header', block_id: 'budget-header', text: { type: 'plain_text', text: 'Budget Performance' } };

export const IMAGE = {
  type: 'image',
  title: { type: 'plain_text', text: 'Please enjoy this photo of a kitten' },
  block_id: 'image4',
  image_url: 'http://placekitten.com/500/500',
  alt_text: 'An incredibly cute kitten.',
};

export const DIVIDER = { type: 'divider' };

/** blocks/rich-text-block: styled text, ordered lists at three indents and an offset, a bullet list, a quote, preformatted text, mentions and dates. */
export const RICH_TEXT = {
  type: 'rich_text',
  block_id: '3Uk3Q',
  elements: [
    {
      type: 'rich_text_section',
      elements: [
        { type: 'text', text: 'Hey!', style: { bold: true } },
        { type: 'text', text: ' this is ' },
        { type: 'text', text: 'very', style: { strike: true } },
        { type: 'text', text: ' rich text ' },
        { type: 'text', text: 'block', style: { code: true } },
        { type: 'text', text: ' ' },
        { type: 'text', text: 'test', style: { italic: true } },
        { type: 'text', text: ' ' },
        { type: 'text', text: 'links', style: { underline: true } },
        { type: 'link', url: 'https://slack.com', text: 'Slack website!' },
      ],
    },
    {
      type: 'rich_text_list',
      elements: [
        { type: 'rich_text_section', elements: [{ type: 'text', text: 'a' }] },
        { type: 'rich_text_section', elements: [{ type: 'text', text: 'b' }] },
      ],
      style: 'ordered',
      indent: 0,
      border: 0,
    },
    { type: 'rich_text_list', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'bb' }] }], style: 'ordered', indent: 1, border: 0 },
    { type: 'rich_text_list', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'BBB' }] }], style: 'ordered', indent: 2, border: 0 },
    { type: 'rich_text_list', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'c' }] }], style: 'ordered', indent: 0, offset: 2, border: 0 },
    { type: 'rich_text_section', elements: [{ type: 'text', text: '\n' }] },
    {
      type: 'rich_text_list',
      elements: [
        { type: 'rich_text_section', elements: [{ type: 'text', text: 'todo' }] },
        { type: 'rich_text_section', elements: [{ type: 'text', text: 'todo' }] },
        { type: 'rich_text_section', elements: [{ type: 'text', text: 'todo' }] },
      ],
      style: 'bullet',
      indent: 0,
      border: 0,
    },
    { type: 'rich_text_section', elements: [{ type: 'text', text: '\n' }] },
    { type: 'rich_text_quote', elements: [{ type: 'text', text: 'this is very important' }] },
    { type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'print("Hello world")' }], border: 0 },
    {
      type: 'rich_text_section',
      elements: [
        { type: 'user', user_id: 'WJC6QG0MS' },
        { type: 'text', text: ' ' },
        { type: 'usergroup', usergroup_id: 'S01BL602YLU' },
        { type: 'text', text: ' ' },
        { type: 'channel', channel_id: 'C02GD0YEHDJ' },
        { type: 'date', timestamp: '1628633089', format: '{date_long}', url: 'https://slack.com', fallback: 'August 10, 2021' },
        { type: 'date', timestamp: '1720710212', format: '{date_num} at {time}', fallback: 'timey' },
        { type: 'date', timestamp: '1628633089', format: '{date_short_pretty}', url: 'https://slack.com' },
        { type: 'date', timestamp: '1628633089', format: '{ago}' },
      ],
    },
  ],
};

/** blocks/table-block: raw text with column settings, and a rich text link cell. */
export const TABLE = {
  type: 'table',
  column_settings: [{ is_wrapped: true }, { align: 'right' }],
  rows: [
    [{ type: 'raw_text', text: 'Header A' }, { type: 'raw_text', text: 'Header B' }],
    [{ type: 'raw_text', text: 'Data 1A' }, { type: 'raw_text', text: 'Data 1B' }],
    [{ type: 'raw_text', text: 'Data 2A' }, { type: 'raw_text', text: 'Data 2B' }],
  ],
};

export const TABLE_WITH_RICH_TEXT = {
  type: 'table',
  column_settings: [{ is_wrapped: true }, { align: 'right' }],
  rows: [
    [{ type: 'raw_text', text: 'Header A' }, { type: 'raw_text', text: 'Header B' }],
    [
      { type: 'raw_text', text: 'Data 1A' },
      { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ text: 'Data 1B', type: 'link', url: 'https://slack.com' }] }] },
    ],
  ],
};

/** blocks/data-table-block: "A Fabulous Table" of departments with rich text badges. */
export const DATA_TABLE = {
  type: 'data_table',
  caption: 'A Fabulous Table',
  rows: [
    [{ type: 'raw_text', text: 'Name' }, { type: 'raw_text', text: 'Department' }, { type: 'raw_text', text: 'Badge' }],
    [
      { type: 'raw_text', text: 'Data Refinement Department' },
      { type: 'raw_text', text: 'MDR' },
      { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'Blue', style: { bold: true } }] }] },
    ],
    [
      { type: 'raw_text', text: 'Art Sourcing Department' },
      { type: 'raw_text', text: 'O&D' },
      { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'Green' }, { type: 'text', text: 'review', style: { italic: true } }] }] },
    ],
    [
      { type: 'raw_text', text: 'Wellness Department' },
      { type: 'raw_text', text: 'Wellness Center' },
      { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'Limited', style: { bold: true } }] }] },
    ],
  ],
};

/** blocks/input-block: the documented inputs, without ids as documented (Slack generates them). */
export const INPUT_BLOCKS = [
  { type: 'input', element: { type: 'plain_text_input' }, label: { type: 'plain_text', text: 'Label', emoji: true } },
  { type: 'input', element: { type: 'plain_text_input', multiline: true }, label: { type: 'plain_text', text: 'Label', emoji: true } },
  {
    type: 'input',
    element: { type: 'datepicker', initial_date: '1990-04-28', placeholder: { type: 'plain_text', text: 'Select a date', emoji: true } },
    label: { type: 'plain_text', text: 'Label', emoji: true },
  },
  { type: 'input', element: { type: 'channels_select', placeholder: { type: 'plain_text', text: 'Select a channel', emoji: true } }, label: { type: 'plain_text', text: 'Label', emoji: true } },
  { type: 'input', element: { type: 'multi_users_select', placeholder: { type: 'plain_text', text: 'Select users', emoji: true } }, label: { type: 'plain_text', text: 'Label', emoji: true } },
  {
    type: 'input',
    element: {
      type: 'checkboxes',
      options: [0, 1, 2].map((index) => ({ text: { type: 'plain_text', text: '*this is plain_text text*', emoji: true }, value: `value-${index}` })),
    },
    label: { type: 'plain_text', text: 'Label', emoji: true },
  },
  { type: 'input', element: { type: 'plain_text_input' }, label: { type: 'plain_text', text: 'Label', emoji: true }, hint: { type: 'plain_text', text: 'some hint', emoji: true } },
  { dispatch_action: true, type: 'input', element: { type: 'plain_text_input', action_id: 'plain_text_input-action' }, label: { type: 'plain_text', text: 'Label', emoji: true } },
];

/** block-elements/*: the documented examples of the form elements, each in a modal input block. */
export const ELEMENTS = {
  plainTextInput: { type: 'plain_text_input', action_id: 'plain_input', placeholder: { type: 'plain_text', text: 'Enter some plain text' }, initial_value: 'TODO', multiline: true, min_length: 1, max_length: 10 },
  staticSelectGroups: {
    action_id: 'text1234',
    type: 'static_select',
    placeholder: { type: 'plain_text', text: 'Select an item' },
    option_groups: [
      { label: { type: 'plain_text', text: 'Group 1' }, options: [0, 1, 2].map((index) => ({ text: { type: 'plain_text', text: '*this is plain_text text*' }, value: `value-${index}` })) },
      { label: { type: 'plain_text', text: 'Group 2' }, options: [{ text: { type: 'plain_text', text: '*this is plain_text text*' }, value: 'value-3' }] },
    ],
  },
  multiStaticSelect: {
    action_id: 'text1234',
    type: 'multi_static_select',
    placeholder: { type: 'plain_text', text: 'Select items' },
    options: [0, 1, 2].map((index) => ({ text: { type: 'plain_text', text: '*this is plain_text text*' }, value: `value-${index}` })),
    max_selected_items: 1,
  },
  usersSelect: { action_id: 'text1234', type: 'users_select', placeholder: { type: 'plain_text', text: 'Select an item' }, initial_user: 'U123' },
  checkboxes: {
    type: 'checkboxes',
    action_id: 'this_is_an_action_id',
    initial_options: [{ value: 'A1', text: { type: 'plain_text', text: 'Checkbox 1' } }],
    options: [
      { value: 'A1', text: { type: 'plain_text', text: 'Checkbox 1' } },
      { value: 'A2', text: { type: 'plain_text', text: 'Checkbox 2' } },
    ],
  },
  radioButtons: {
    type: 'radio_buttons',
    action_id: 'this_is_an_action_id',
    initial_option: { value: 'A1', text: { type: 'plain_text', text: 'Radio 1' } },
    options: [
      { value: 'A1', text: { type: 'plain_text', text: 'Radio 1' } },
      { value: 'A2', text: { type: 'plain_text', text: 'Radio 2' } },
    ],
  },
  datetimepicker: { type: 'datetimepicker', action_id: 'datetimepicker123', initial_date_time: 1628633820 },
  timepicker: { type: 'timepicker', action_id: 'timepicker123', initial_time: '11:40', placeholder: { type: 'plain_text', text: 'Select a time' } },
  numberInput: { type: 'number_input', action_id: 'number_input-action', is_decimal_allowed: false, placeholder: { type: 'plain_text', text: 'Enter some plain text' }, initial_value: '7', min_value: '1', max_value: '10' },
  emailInput: { type: 'email_text_input', action_id: 'email_text_input-action', placeholder: { type: 'plain_text', text: 'Enter some email' } },
  urlInput: { type: 'url_text_input', action_id: 'url_text_input-action' },
} as const;

/** A modal of the documented elements, framed as views.open takes it (surfaces/modals). */
export const MODAL = {
  type: 'modal',
  callback_id: 'modal-id',
  title: { type: 'plain_text', text: 'Awesome Modal' },
  submit: { type: 'plain_text', text: 'Submit' },
  close: { type: 'plain_text', text: 'Cancel' },
  blocks: Object.entries(ELEMENTS).map(([name, element]) => ({
    type: 'input',
    block_id: name,
    optional: name !== 'plainTextInput',
    label: { type: 'plain_text', text: name },
    element,
  })),
};
