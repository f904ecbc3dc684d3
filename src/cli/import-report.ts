import type { ImportNote, ImportReport, RefusedRow, RowRefusal, UnassignedOwner } from '../app/import.js';
import type { FieldProblem } from '../domain/fields.js';
import { FIELD_COLUMNS, SHEET_COLUMNS, type CellProblem, type SheetColumn } from '../domain/lead-sheet.js';
import { STAGE_LABELS } from '../domain/stages.js';
import type { CsvSheet } from '../sheets/csv-sheet.js';

/**
 * Everything `leadops import` says, in one place: the command line speaks English (the
 * Slack `/lead import` will answer through the i18n table). A column is named as the
 * sheet's own header wrote it, so the person finds the cell they typed.
 */

const DELIMITER_NAMES = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;

/** What the report's first line says of the sheet read. */
export type SheetSummary = { format: 'xlsx'; sheetName: string; sheetNames: readonly string[]; rowCount: number } | ({ format: 'csv'; rowCount: number } & Pick<CsvSheet, 'encoding' | 'delimiter'>);

export function sheetSummary(file: string, sheet: SheetSummary): string {
  if (sheet.format === 'xlsx') return `read ${file}: Excel workbook, sheet "${sheet.sheetName}" of ${sheet.sheetNames.length}, ${sheet.rowCount} row(s)`;
  return `read ${file}: ${sheet.encoding.toUpperCase()}, ${DELIMITER_NAMES[sheet.delimiter]} separated, ${sheet.rowCount} row(s)`;
}

export function missingColumnsMessage(missing: readonly SheetColumn[], headers: readonly string[]): string {
  const wanted = missing.map((column) => {
    const definition = SHEET_COLUMNS.find((entry) => entry.column === column)!;
    return `${definition.zh} / ${definition.en}`;
  });
  return `the sheet has no ${wanted.join(', no ')} column; its headers are: ${headers.map((header) => `"${header}"`).join(', ') || '(none)'}`;
}

export function unknownColumnsMessage(unknown: readonly string[]): string {
  return `columns not imported (not a column of the tracking sheet): ${unknown.map((header) => `"${header}"`).join(', ')}`;
}

export function unnamedColumnsMessage(columns: readonly number[]): string {
  return `values under no header, not imported: column${columns.length > 1 ? 's' : ''} ${columns.join(', ')}`;
}

export function repeatedColumnsMessage(repeated: readonly string[]): string {
  return `columns ignored (the same column appears earlier): ${repeated.map((header) => `"${header}"`).join(', ')}`;
}

export const UNREADABLE_FILE = (file: string, reason: string) => `cannot read ${file}: ${reason}`;
export const UNREADABLE_PART_WAY = (file: string, reason: string) => `${UNREADABLE_FILE(file, reason)}. Rows before it may already be imported: run the same import again once the file is fixed (rows already in come back unchanged).`;

const CELL_REASONS: Record<CellProblem['reason'], string> = {
  required: 'is empty, and a lead needs it',
  unreadable_number: 'is not a lead number (digits, like 20231001)',
  unreadable_time: 'is not a time we can read (2023-10-01 14:30, 2023/10/1, 2023年10月1日, 10/1/2023)',
  in_future: 'is in the future',
  unreadable_amount: 'is not an amount we can read (50,000, ¥50,000, 5万, 5.5万元)',
  unknown_customer_type: 'is not a customer type (企业客户, 个人客户, enterprise, individual)',
};

function fieldProblem(problem: FieldProblem): string {
  switch (problem.kind) {
    case 'required':
      return 'is empty, and a lead needs it';
    case 'too_long':
      return `is longer than ${problem.max} characters`;
    case 'too_many':
      return `has more than ${problem.max} entries`;
    case 'in_future':
      return 'is in the future';
    case 'in_past':
      return 'is in the past';
    case 'out_of_range':
      return `is outside ${problem.min}–${problem.max}`;
    default:
      return 'is not valid';
  }
}

function refusalText(refusal: RowRefusal, header: (column: SheetColumn) => string): string {
  switch (refusal.kind) {
    case 'cells':
      return refusal.problems.map((problem) => `${header(problem.column)}${problem.value ? ` "${problem.value}"` : ''} ${CELL_REASONS[problem.reason]}`).join('; ');
    case 'fields':
      return refusal.problems.map((problem) => `${FIELD_COLUMNS[problem.field] ? header(FIELD_COLUMNS[problem.field]!) : problem.field} ${fieldProblem(problem)}`).join('; ');
    case 'timeline':
      return refusal.stage === 'LOST' && refusal.earlier === 'WON'
        ? 'is both won and lost'
        : `entered ${STAGE_LABELS[refusal.stage].en} before ${STAGE_LABELS[refusal.earlier].en}`;
    case 'needs_loss_reason':
      return `is lost without a reason: ${header('lossReasons')} needs at least one`;
    case 'repeated_number':
      return `repeats lead number ${refusal.number} of line ${refusal.firstLine}`;
  }
}

export function refusedRowText(row: RefusedRow, header: (column: SheetColumn) => string): string {
  return `  line ${row.line}${row.number ? ` (${row.number})` : ''}: ${refusalText(row.refusal, header)}`;
}

function noteText(note: ImportNote, header: (column: SheetColumn) => string): string {
  const where = `  line ${note.line} (${note.number}): ${header('conversionDays')} "${note.sheet}"`;
  return note.kind === 'conversion_days_open' ? `${where} on a lead neither won nor lost; leadops counts them from the times once it closes` : `${where} differs from the ${note.computed} its times give; leadops counts from the times`;
}

function unassignedText(owner: UnassignedOwner): string {
  const rows = `${owner.rows} row${owner.rows === 1 ? '' : 's'}`;
  if (owner.why === 'none') return `  (empty): ${rows}`;
  if (owner.why === 'ambiguous') return `  "${owner.owner}": ${rows}, could be ${owner.userIds!.join(' or ')}`;
  return `  "${owner.owner}": ${rows}, not a Slack user id nor the name of anyone the bot knows`;
}

export function importReportText(report: ImportReport, header: (column: SheetColumn) => string): string[] {
  const would = report.dryRun ? 'would be ' : '';
  const lines = [
    `${report.dryRun ? 'dry run, nothing written: ' : ''}${report.rowsRead} row(s) read, ${report.created} ${would}created, ${report.updated} ${would}updated, ${report.unchanged} unchanged, ${report.refused.length} refused`,
  ];
  if (report.refused.length > 0) lines.push('refused rows:', ...report.refused.map((row) => refusedRowText(row, header)));
  if (report.heldBack !== undefined) lines.push(`--strict: nothing written; ${report.heldBack} good row(s) held back until the refused ones are fixed`);
  if (report.unassigned.length > 0) {
    const rows = report.unassigned.reduce((sum, owner) => sum + owner.rows, 0);
    lines.push(`${rows} row(s) name no owner for sure in ${header('owner')}; new leads of theirs ${report.dryRun ? 'would go' : 'went'} in unassigned (open ones to the team pool, /lead pool), leads already here keep their owner:`);
    lines.push(...report.unassigned.map((owner) => unassignedText(owner)));
    lines.push('  give them with --owners mapping.csv (the name as the sheet writes it, and the Slack user id or email), or write the Slack user id in the sheet');
  }
  if (report.unresolvedMapping.length > 0) {
    lines.push('owner mapping lines naming nobody the import knows (the command line knows the members the bot has seen, by id and name; an email only Slack can tell):');
    lines.push(...report.unresolvedMapping.map((entry) => `  "${entry.name}" → "${entry.owner}"`));
  }
  if (report.notes.length > 0) lines.push('notes:', ...report.notes.map((note) => noteText(note, header)));
  return lines;
}

export function ownerMappingHeadersMessage(file: string, headers: readonly string[], expected: { name: readonly string[]; owner: readonly string[] }): string {
  return `${file}: an owner mapping has a column of names as the sheet writes them (${expected.name.slice(0, 4).join(', ')}) and one of Slack user ids or emails (${expected.owner.slice(0, 5).join(', ')}); its headers are: ${headers.map((header) => `"${header}"`).join(', ') || '(none)'}`;
}

export function ownerMappingIncompleteMessage(file: string, lines: readonly number[]): string {
  return `${file}: line${lines.length > 1 ? 's' : ''} ${lines.join(', ')} ${lines.length > 1 ? 'have' : 'has'} an empty cell; each line needs a name and a Slack user id or email`;
}
