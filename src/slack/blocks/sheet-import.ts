import type { KnownBlock, ModalView } from '@slack/types';
import { stringify } from 'csv-stringify/sync';
import { SHEET_FILE_TYPES, type ProblemRow, type SheetFileImport } from '../../app/import-file.js';
import type { UnassignedOwner } from '../../app/import.js';
import { SHEET_COLUMNS } from '../../domain/lead-sheet.js';
import { messagesFor, type Locale, type Messages } from '../../i18n/messages.js';
import { fieldProblemText } from '../errors.js';
import { ACTION, FIELD, VIEW } from '../ids.js';
import { escapeText, mentionUser, stageLabel } from '../text.js';
import { LIMITS, truncate } from './limits.js';
import { contextLine, mrkdwnSection, textMessage, type SlackMessage } from './message.js';

/** `/lead import`: the form with its file input, the report, and the problems as a CSV. */

/** Problems listed in the message itself; all of them are in the file. */
export const PROBLEMS_IN_MESSAGE = 5;

export function importModal(locale: Locale, context: { channelId?: string }): ModalView {
  const s = messagesFor(locale).sheetImport;
  const dryRun = { value: 'dry_run', text: { type: 'plain_text' as const, text: s.dryRunOption } };
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'plain_text', text: s.intro } },
    {
      type: 'input',
      block_id: FIELD.importFile,
      label: { type: 'plain_text', text: s.fileLabel },
      element: { type: 'file_input', action_id: FIELD.importFile, filetypes: [...SHEET_FILE_TYPES], max_files: 1 },
    },
    {
      type: 'input',
      block_id: FIELD.importOptions,
      optional: true,
      label: { type: 'plain_text', text: s.optionsLabel },
      element: { type: 'checkboxes', action_id: FIELD.importOptions, options: [dryRun], initial_options: [dryRun] },
    },
  ];
  return {
    type: 'modal',
    callback_id: VIEW.importSheet,
    title: { type: 'plain_text', text: truncate(s.modalTitle, LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: s.submit },
    close: { type: 'plain_text', text: messagesFor(locale).modal.cancel },
    private_metadata: JSON.stringify({ channelId: context.channelId }),
    blocks,
  };
}

/** Why a row's cell was refused (or noted), in the reader's language: plain text, for the CSV and, escaped, the message. */
export function problemReason(problem: ProblemRow['problem'], t: Messages, locale: Locale): string {
  const s = t.sheetImport;
  switch (problem.kind) {
    case 'cell':
      return s.cellReasons[problem.reason];
    case 'field':
      return fieldProblemText(problem.problem, t);
    case 'timeline':
      return problem.stage === 'LOST' && problem.earlier === 'WON' ? s.wonAndLost : s.timeline(stageLabel(problem.stage, locale), stageLabel(problem.earlier, locale));
    case 'needs_loss_reason':
      return s.needsLossReason;
    case 'repeated_number':
      return s.repeatedNumber(problem.firstLine);
    case 'note':
      return problem.note.kind === 'conversion_days_differ' ? s.conversionDiffers(problem.note.computed) : s.conversionOpen;
  }
}

/** Owner cells that named nobody or several people: their leads went to the team pool, each name once. */
function unassignedText(unassigned: readonly UnassignedOwner[], t: Messages): string {
  const s = t.sheetImport;
  const names = unassigned.map((owner) => {
    if (owner.why === 'none') return s.ownerEmpty(owner.rows);
    const name = escapeText(owner.owner);
    return owner.why === 'ambiguous' ? s.ownerAmbiguous(name, owner.rows, owner.userIds!.map(mentionUser).join(s.or)) : s.ownerUnknown(name, owner.rows);
  });
  return `${s.unassigned}\n${names.map((line) => `• ${line}`).join('\n')}`;
}

/** A cell that begins like a formula would run as one in Excel: a leading apostrophe keeps it text. */
function neutralized(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** The problems as a CSV Excel opens in either language (UTF-8 with a BOM): row, number, column, value, reason. */
export function problemsCsv(problems: readonly ProblemRow[], locale: Locale): Buffer {
  const t = messagesFor(locale);
  const rows = problems.map((row) => [String(row.line), row.number ?? '', row.header, row.value, problemReason(row.problem, t, locale)].map(neutralized));
  return Buffer.from(`\ufeff${stringify([t.sheetImport.csvHeaders, ...rows], { record_delimiter: '\r\n' })}`, 'utf8');
}

function headerList(headers: readonly string[], t: Messages): string {
  return headers.length > 0 ? headers.map((header) => `“${escapeText(header)}”`).join(', ') : t.sheetImport.noHeaders;
}

/**
 * The report: counts first, then what of the sheet was not read, the first problems
 * (all of them in the file, `problemsFile` says where) and, after a dry run, the button
 * that imports the same file for real.
 */
export function importReportMessage(locale: Locale, result: SheetFileImport, options: { fileId: string; problemsFile: 'sent' | 'failed' | 'none' }): SlackMessage {
  const t = messagesFor(locale);
  const s = t.sheetImport;
  const name = escapeText(result.name);
  switch (result.kind) {
    case 'unsupported':
      return textMessage(s.unsupported(name));
    case 'unreadable':
      return textMessage(s.unreadable(name, escapeText(result.reason)));
    case 'missing_columns': {
      const missing = result.missing.map((column) => {
        const definition = SHEET_COLUMNS.find((entry) => entry.column === column)!;
        return `${definition.zh} / ${definition.en}`;
      });
      return textMessage(s.missingColumns(name, missing.join(s.or), headerList(result.headers, t)));
    }
    case 'imported':
      break;
  }
  const { report, match, problems } = result;
  const summary = (report.dryRun ? s.dryRunSummary : s.summary)(name, report.rowsRead, report.created, report.updated, report.unchanged, report.refused.length);
  const blocks: KnownBlock[] = [mrkdwnSection(summary)];
  const context: string[] = [];
  if (report.unassigned.length > 0) blocks.push(mrkdwnSection(truncate(unassignedText(report.unassigned, t), LIMITS.sectionText)));
  if (report.notes.length > 0) context.push(s.notes(report.notes.length));
  if (match.unknown.length > 0) context.push(s.unknownColumns(headerList(match.unknown, t)));
  if (match.repeated.length > 0) context.push(s.repeatedColumns(headerList(match.repeated, t)));
  if (result.unnamedColumns.length > 0) context.push(s.unnamedColumns(result.unnamedColumns.join(', ')));
  if (context.length > 0) blocks.push(contextLine(truncate(context.join('\n'), LIMITS.sectionText)));
  if (problems.length > 0) {
    const lines = problems
      .slice(0, PROBLEMS_IN_MESSAGE)
      .map((row) => `• ${escapeText(s.problemLine(row.line, row.number ?? '', row.header, row.value, problemReason(row.problem, t, locale)))}`);
    if (problems.length > PROBLEMS_IN_MESSAGE) lines.push(s.moreProblems(problems.length - PROBLEMS_IN_MESSAGE));
    blocks.push(mrkdwnSection(truncate(lines.join('\n'), LIMITS.sectionText)));
    if (options.problemsFile !== 'none') blocks.push(contextLine(options.problemsFile === 'sent' ? s.problemsFile : s.problemsFileFailed));
  }
  if (report.dryRun && report.created + report.updated > 0) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', action_id: ACTION.importNow, style: 'primary', text: { type: 'plain_text', text: s.importNow }, value: options.fileId }],
    });
  }
  return { text: summary, blocks };
}
