import { INTL_LOCALE, type RenderContext } from './context.js';
import { attr, escapeHtml } from './escape.js';
import { asArray, asNumber, asObject, asObjects, asString, type JsonObject } from './json.js';
import { richTextHtml, richTextPlain } from './rich-text.js';
import { uiText } from './ui-text.js';

type Align = 'left' | 'center' | 'right';

interface ColumnSetting {
  align: Align;
  wrapped: boolean;
}

function rowsOf(block: JsonObject): JsonObject[][] {
  return asArray(block.rows).map((row) => asObjects(row));
}

function cellHtml(cell: JsonObject, context: RenderContext): string {
  if (cell.type === 'rich_text') return richTextHtml(cell, context);
  if (cell.type === 'raw_number') return escapeHtml(asString(cell.text) ?? String(asNumber(cell.value) ?? ''));
  return escapeHtml(asString(cell.text) ?? '');
}

/** What a column sorts by: the number of a raw_number cell, the words of any other. */
function cellSortKey(cell: JsonObject, context: RenderContext): string {
  if (cell.type === 'raw_number') return String(asNumber(cell.value) ?? 0);
  if (cell.type === 'rich_text') return richTextPlain(cell, context);
  return asString(cell.text) ?? '';
}

/** `column_settings` may be shorter than the row, and may hold null for "default" columns. */
function columnSettings(block: JsonObject, columns: number): ColumnSetting[] {
  const given = asArray(block.column_settings);
  return Array.from({ length: columns }, (_, index) => {
    const setting = asObject(given[index]);
    const align = setting?.align === 'center' || setting?.align === 'right' ? setting.align : 'left';
    return { align, wrapped: setting?.is_wrapped === true };
  });
}

function cellClass(setting: ColumnSetting | undefined): string {
  return `sk-cell sk-align-${setting?.align ?? 'left'}${setting?.wrapped ? ' sk-wrap' : ''}`;
}

/** The table block: a grid whose first row Slack shows as the header. */
export function tableHtml(block: JsonObject, context: RenderContext): string {
  const rows = rowsOf(block);
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const settings = columnSettings(block, columns);
  const [header, ...body] = rows;
  const head = header
    ? `<thead><tr>${header.map((cell, index) => `<th scope="col" class="${cellClass(settings[index])}">${cellHtml(cell, context)}</th>`).join('')}</tr></thead>`
    : '';
  const bodyHtml = body.map((row) => `<tr>${row.map((cell, index) => `<td class="${cellClass(settings[index])}">${cellHtml(cell, context)}</td>`).join('')}</tr>`).join('');
  return `<div class="sk-table-scroll"><table class="sk-table">${head}<tbody>${bodyHtml}</tbody></table></div>`;
}

const DEFAULT_PAGE_SIZE = 5;

/** Slack sorts a column of raw_number cells by number, any other alphabetically (its docs). */
function columnSortType(body: JsonObject[][], column: number): 'number' | 'text' {
  return body.length > 0 && body.every((row) => row[column]?.type === 'raw_number') ? 'number' : 'text';
}

function sortableHeaderHtml(cell: JsonObject, column: number, sortType: 'number' | 'text', context: RenderContext): string {
  const align = sortType === 'number' ? 'right' : 'left';
  return `<th scope="col" class="sk-cell sk-align-${align}" data-sortable="true"${attr('data-column', column)}${attr('data-sort-type', sortType)} aria-sort="none"><button type="button" class="sk-sort-button"${attr('data-sort-column', column)}>${cellHtml(cell, context)}<span class="sk-sort-indicator" aria-hidden="true"></span></button></th>`;
}

function dataRowHtml(row: JsonObject[], rowIndex: number, options: { pageSize: number; rowHeader: number; sortTypes: Array<'number' | 'text'>; context: RenderContext }): string {
  const cells = row
    .map((cell, column) => {
      const tag = column === options.rowHeader ? 'th' : 'td';
      const scope = tag === 'th' ? ' scope="row"' : '';
      const align = options.sortTypes[column] === 'number' ? 'right' : 'left';
      return `<${tag}${scope} class="sk-cell sk-align-${align}"${attr('data-sort-key', cellSortKey(cell, options.context))}>${cellHtml(cell, options.context)}</${tag}>`;
    })
    .join('');
  return `<tr${attr('data-row', rowIndex)}${rowIndex >= options.pageSize ? ' hidden' : ''}>${cells}</tr>`;
}

function paginationHtml(total: number, pageSize: number, context: RenderContext): string {
  if (total <= pageSize) return '';
  const text = uiText(context);
  const pages = Math.ceil(total / pageSize);
  return (
    `<div class="sk-pagination"${attr('data-page-count', pages)}>` +
    `<button type="button" class="sk-page-button" data-page-action="previous" disabled${attr('aria-label', text.previous)}>‹</button>` +
    `<span class="sk-page-status" data-page-status>${escapeHtml(text.rows(1, pageSize, total))}</span>` +
    `<button type="button" class="sk-page-button" data-page-action="next"${attr('aria-label', text.next)}>›</button>` +
    `</div>`
  );
}

/**
 * The data table block: caption, a header row whose columns sort, and pages of
 * `page_size` rows (the rest rendered `hidden`, for the page to flip through).
 */
export function dataTableHtml(block: JsonObject, context: RenderContext): string {
  const [header = [], ...body] = rowsOf(block);
  const pageSize = Math.max(1, Math.min(100, Math.floor(asNumber(block.page_size) ?? DEFAULT_PAGE_SIZE)));
  const rowHeader = Math.floor(asNumber(block.row_header_column_index) ?? 0);
  const sortTypes = header.map((_, column) => columnSortType(body, column));
  const caption = asString(block.caption);
  const head = `<thead><tr>${header.map((cell, column) => sortableHeaderHtml(cell, column, sortTypes[column]!, context)).join('')}</tr></thead>`;
  const rows = body.map((row, index) => dataRowHtml(row, index, { pageSize, rowHeader, sortTypes, context })).join('');
  return (
    `<div class="sk-data-table"${attr('data-page-size', pageSize)} data-page="1"${attr('data-row-count', body.length)}>` +
    `<div class="sk-table-scroll"><table class="sk-table" data-sortable="true">${caption ? `<caption class="sk-table-caption">${escapeHtml(caption)}</caption>` : ''}${head}<tbody>${rows}</tbody></table></div>` +
    paginationHtml(body.length, pageSize, context) +
    `</div>`
  );
}

/** How a page orders two `data-sort-key`s of a column of the given `data-sort-type`. */
export function compareSortKeys(a: string, b: string, sortType: 'number' | 'text', locale: RenderContext['locale'] = 'en'): number {
  if (sortType === 'number') return Number(a) - Number(b);
  return new Intl.Collator(INTL_LOCALE[locale], { numeric: true, sensitivity: 'base' }).compare(a, b);
}
