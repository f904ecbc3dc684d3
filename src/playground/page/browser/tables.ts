import { compareSortKeys, type RenderContext } from '../index.js';
import { uiText } from '../ui-text.js';

/**
 * What Slack's data table does in the client: a click on a column header sorts the rows
 * (ascending, then descending), and the arrows flip through pages of `page_size` rows.
 */

function rowsOf(table: HTMLElement): HTMLTableRowElement[] {
  return [...table.querySelectorAll<HTMLTableRowElement>('tbody tr[data-row]')];
}

function showPage(wrapper: HTMLElement, page: number, context: RenderContext): void {
  const size = Number(wrapper.dataset.pageSize ?? 5);
  const rows = rowsOf(wrapper);
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(Math.max(1, page), pages);
  wrapper.dataset.page = String(current);
  rows.forEach((row, index) => (row.hidden = index < (current - 1) * size || index >= current * size));
  const status = wrapper.querySelector<HTMLElement>('[data-page-status]');
  if (status) status.textContent = uiText(context).rows((current - 1) * size + 1, Math.min(current * size, rows.length), rows.length);
  const previous = wrapper.querySelector<HTMLButtonElement>('[data-page-action="previous"]');
  const next = wrapper.querySelector<HTMLButtonElement>('[data-page-action="next"]');
  if (previous) previous.disabled = current === 1;
  if (next) next.disabled = current === pages;
}

export function sortByColumn(button: HTMLElement, context: RenderContext): void {
  const wrapper = button.closest<HTMLElement>('.sk-data-table');
  const header = button.closest<HTMLElement>('th');
  if (!wrapper || !header) return;
  const column = Number(button.dataset.sortColumn);
  const type = header.dataset.sortType === 'number' ? 'number' : 'text';
  const ascending = header.getAttribute('aria-sort') !== 'ascending';
  for (const other of wrapper.querySelectorAll('th[aria-sort]')) other.setAttribute('aria-sort', 'none');
  header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  const body = wrapper.querySelector('tbody')!;
  const keyOf = (row: HTMLTableRowElement) => row.children[column]?.getAttribute('data-sort-key') ?? '';
  const sorted = rowsOf(wrapper).sort((a, b) => compareSortKeys(keyOf(a), keyOf(b), type, context.locale) * (ascending ? 1 : -1));
  for (const row of sorted) body.append(row);
  showPage(wrapper, 1, context);
}

export function turnPage(button: HTMLElement, context: RenderContext): void {
  const wrapper = button.closest<HTMLElement>('.sk-data-table');
  if (!wrapper) return;
  const page = Number(wrapper.dataset.page ?? 1);
  showPage(wrapper, button.dataset.pageAction === 'next' ? page + 1 : page - 1, context);
}
