/** Cells of Slack's table blocks: Slack sorts a column of raw_number cells by their value, not by what they show. */
export function textCell(text: string) {
  return { type: 'raw_text' as const, text };
}

export function numberCell(value: number, shown = String(value)) {
  return { type: 'raw_number' as const, value, text: shown };
}
