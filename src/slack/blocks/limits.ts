/** Slack's documented limits that our builders must stay within. */
export const LIMITS = {
  sectionText: 3000,
  sectionField: 2000,
  sectionFields: 10,
  messageBlocks: 50,
  viewBlocks: 100,
  buttonText: 75,
  plainTextInput: 3000,
  optionText: 75,
  modalTitle: 24,
  headerText: 150,
} as const;

/**
 * Cuts text to Slack's limit with an ellipsis, never through an entity (&amp;) or a
 * <…> token (a mention, a date), which would show as debris or break the markup.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1).replace(/&[a-z]*$|<[^>]*$/, '');
  return `${cut}…`;
}
