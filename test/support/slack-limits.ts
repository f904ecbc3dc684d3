import { expect } from 'vitest';

/**
 * Slack's documented Block Kit limits. Slack refuses a whole message or view that breaks
 * one (invalid_blocks), so every builder is held to them.
 */
const LIMITS = { messageBlocks: 50, viewBlocks: 100, sectionText: 3000, field: 2000, fields: 10, header: 150, button: 75, option: 75, options: 100, actionsElements: 25, modalTitle: 24, messageChars: 13_000 };

type AnyBlock = Record<string, any>;

/** The characters of text a message carries: what Slack's undocumented ~13k limit counts. */
function textLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + textLength(item), 0);
  if (value && typeof value === 'object') {
    return Object.entries(value).reduce((sum, [key, item]) => sum + (key === 'text' && typeof item === 'string' ? item.length : textLength(item)), 0);
  }
  return 0;
}

export function blockLimitViolations(blocks: AnyBlock[], kind: 'message' | 'view' = 'message'): string[] {
  const problems: string[] = [];
  const max = kind === 'message' ? LIMITS.messageBlocks : LIMITS.viewBlocks;
  if (blocks.length > max) problems.push(`${blocks.length} blocks > ${max}`);
  if (blocks.filter((block) => block.type === 'data_visualization').length > 2) problems.push('more than two data_visualization blocks');
  const characters = textLength(blocks);
  if (kind === 'message' && characters > LIMITS.messageChars) problems.push(`${characters} characters of text > about 13k`);
  blocks.forEach((block, index) => {
    const at = `block ${index} (${block.type})`;
    if (block.type === 'section') {
      if (block.text && block.text.text.length > LIMITS.sectionText) problems.push(`${at}: text ${block.text.text.length} > 3000`);
      if (block.fields) {
        if (block.fields.length > LIMITS.fields) problems.push(`${at}: ${block.fields.length} fields > 10`);
        for (const field of block.fields) if (field.text.length > LIMITS.field) problems.push(`${at}: field ${field.text.length} > 2000`);
      }
      if (!block.text && !block.fields) problems.push(`${at}: neither text nor fields`);
    }
    if (block.type === 'header' && block.text.text.length > LIMITS.header) problems.push(`${at}: header > 150`);
    if (block.type === 'actions') {
      if (block.elements.length > LIMITS.actionsElements) problems.push(`${at}: > 25 elements`);
      for (const element of block.elements) if (element.text?.text.length > LIMITS.button) problems.push(`${at}: button text > 75`);
    }
    if (block.type === 'input') {
      const options = block.element.options as Array<{ text: { text: string } }> | undefined;
      if (options && options.length > LIMITS.options) problems.push(`${at}: > 100 options`);
      for (const option of options ?? []) if (option.text.text.length > LIMITS.option) problems.push(`${at}: option text > 75`);
    }
    if (block.type === 'table' && block.rows.length > 100) problems.push(`${at}: table rows > 100`);
    if (block.type === 'data_table' && (block.rows.length > 101 || block.rows.length < 2)) problems.push(`${at}: data_table rows must be 2–101 with the header`);
    if (block.type === 'data_visualization') {
      if (block.title.length > 50) problems.push(`${at}: chart title > 50`);
      const { categories } = block.chart.axis_config as { categories: string[] };
      if (categories.length > 20) problems.push(`${at}: > 20 categories`);
      for (const series of block.chart.series as Array<{ name: string; data: Array<{ label: string }> }>) {
        if (series.name.length > 20) problems.push(`${at}: series name > 20`);
        if (series.data.length !== categories.length || series.data.some((point, i) => point.label !== categories[i])) problems.push(`${at}: series ${series.name} does not match the categories`);
      }
      for (const label of categories) if (label.length > 20) problems.push(`${at}: category label > 20`);
    }
  });
  return problems;
}

export function expectWithinSlackLimits(message: { blocks: AnyBlock[]; text?: string }, kind: 'message' | 'view' = 'message'): void {
  expect(blockLimitViolations(message.blocks, kind)).toEqual([]);
  if (kind === 'message') expect(message.text, 'a message needs a top-level text for notifications').toBeTruthy();
}
