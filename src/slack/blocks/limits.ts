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

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
