import type { RenderContext } from './context.js';

/** Slack's own words around the blocks (placeholders, "optional"), in the reader's language. */
const UI_TEXT = {
  en: {
    optional: '(optional)',
    selectItem: 'Select an item',
    selectItems: 'Select options',
    selectUser: 'Select a user',
    selectUsers: 'Select users',
    selectConversation: 'Select a conversation',
    selectChannel: 'Select a channel',
    selectDate: 'Select a date',
    selectTime: 'Select time',
    more: 'More actions',
    previous: 'Previous page',
    next: 'Next page',
    rows: (from: number, to: number, total: number) => `${from}–${to} of ${total}`,
    cancel: 'Cancel',
    close: 'Close',
    submit: 'Submit',
    confirm: 'Yes',
    couldNotRender: 'could not render block',
    unsupportedBlock: 'unsupported block',
    unsupportedElement: 'unsupported element',
    imageUnavailable: 'Image unavailable',
  },
  zh: {
    optional: '（可选）',
    selectItem: '选择一项',
    selectItems: '选择选项',
    selectUser: '选择用户',
    selectUsers: '选择用户',
    selectConversation: '选择对话',
    selectChannel: '选择频道',
    selectDate: '选择日期',
    selectTime: '选择时间',
    more: '更多操作',
    previous: '上一页',
    next: '下一页',
    rows: (from: number, to: number, total: number) => `第 ${from}–${to} 行，共 ${total} 行`,
    cancel: '取消',
    close: '关闭',
    submit: '提交',
    confirm: '确定',
    couldNotRender: 'could not render block',
    unsupportedBlock: 'unsupported block',
    unsupportedElement: 'unsupported element',
    imageUnavailable: '图片无法显示',
  },
} as const;

export type UiText = (typeof UI_TEXT)['en'] | (typeof UI_TEXT)['zh'];

export function uiText(context: Pick<RenderContext, 'locale'>): UiText {
  return UI_TEXT[context.locale] ?? UI_TEXT.en;
}
