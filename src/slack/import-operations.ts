import type { ViewSubmitAction } from '@slack/bolt';
import { importSheetFile, MAX_SHEET_FILE_BYTES, sheetFileType } from '../app/import-file.js';
import type { OwnerCandidate } from '../domain/owner-directory.js';
import { authorize } from '../domain/roles.js';
import { importModal, importReportMessage, problemsCsv } from './blocks/sheet-import.js';
import { textMessage, type SlackMessage } from './blocks/message.js';
import { FIELD } from './ids.js';
import { later, modal, type Actor, type Outcome, type SubmissionOutcome } from './listen.js';
import { readInputs } from './listeners/views/view-state.js';
import type { AppServices } from './services.js';
import { downloadSharedFile, SharedFileUnavailable } from './shared-file.js';
import { escapeText } from './text.js';

/** `/lead import`: the form, its submission, and a dry run's "Import it now". */

const MEGABYTES = MAX_SHEET_FILE_BYTES / (1024 * 1024);

export function importModalFor(actor: Actor): Outcome {
  // A rep hears who may before picking a file, not after.
  authorize(actor, 'import');
  return modal(importModal(actor.locale, { channelId: actor.channelId }));
}

/**
 * The form as submitted. What the view state says of the file (its name and size) is
 * checked at once so the form can say so beside its input; the file itself is fetched
 * and imported after the modal has closed, as that can take longer than Slack waits.
 */
export function importFromForm(services: AppServices, actor: Actor, view: ViewSubmitAction['view']): SubmissionOutcome {
  authorize(actor, 'import');
  const s = actor.t.sheetImport;
  const input = readInputs(view.state.values);
  const file = input(FIELD.importFile)?.files?.[0];
  if (!file) return { kind: 'errors', errors: { [FIELD.importFile]: s.noFile } };
  if (file.name !== undefined && !sheetFileType(file.name)) return { kind: 'errors', errors: { [FIELD.importFile]: s.wrongTypeField } };
  if (file.size !== undefined && file.size > MAX_SHEET_FILE_BYTES) return { kind: 'errors', errors: { [FIELD.importFile]: s.tooLargeField(MEGABYTES) } };
  const dryRun = input(FIELD.importOptions)?.selected_options?.some((option) => option.value === 'dry_run') ?? false;
  const name = escapeText(file.name ?? file.id);
  return { kind: 'later', placeholder: textMessage(dryRun ? s.checking(name) : s.importing(name)), result: () => importSharedSheet(services, actor, file.id, dryRun) };
}

/** "Import it now" under a dry run's report: the same file, for real. */
export function importNow(services: AppServices, actor: Actor, fileId: string): Outcome {
  authorize(actor, 'import');
  return later(textMessage(actor.t.working), () => importSharedSheet(services, actor, fileId, false));
}

/** Fetches the file from Slack with the bot's token, imports it by way of "import", and answers with the report; the problems go to the person's DM as a CSV. */
export async function importSharedSheet(services: AppServices, actor: Actor, fileId: string, dryRun: boolean): Promise<SlackMessage> {
  const s = actor.t.sheetImport;
  let file;
  try {
    file = await downloadSharedFile(actor.client, fileId, MAX_SHEET_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof SharedFileUnavailable)) throw error;
    const name = escapeText(error.fileName ?? fileId);
    if (error.reason === 'not_found') return textMessage(s.notFound);
    if (error.reason === 'too_large') return textMessage(s.tooLarge(name, MEGABYTES));
    return textMessage(s.notServed(name));
  }
  const owners = await ownerCandidates(services, actor);
  const result = await importSheetFile({ ...actor, via: 'import' }, services.db, file, { dryRun, ...(owners ? { owners } : {}) });
  let problemsFile: 'sent' | 'failed' | 'none' = 'none';
  if (result.kind === 'imported' && result.problems.length > 0) {
    problemsFile = await sendProblems(services, actor, result.name, problemsCsv(result.problems, actor.locale), result.problems.length);
  }
  return importReportMessage(actor.locale, result, { fileId, problemsFile });
}

/**
 * Everyone the sheet's owner cells may name: the workspace's people as users.list gives
 * them (id, display name, real name, email), former colleagues included, since an old
 * sheet names them; bots are nobody's owner. Where Slack does not answer, the members
 * leadops already knows stand in.
 */
async function ownerCandidates(services: AppServices, actor: Actor): Promise<OwnerCandidate[] | undefined> {
  const found: OwnerCandidate[] = [];
  try {
    let cursor: string | undefined;
    do {
      const page = await actor.client.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
      for (const member of page.members ?? []) {
        if (!member.id || member.is_bot || member.id === 'USLACKBOT') continue;
        found.push({
          userId: member.id,
          ...(member.profile?.display_name ? { displayName: member.profile.display_name } : {}),
          ...(member.real_name || member.profile?.real_name ? { realName: member.real_name || member.profile?.real_name } : {}),
          ...(member.profile?.email ? { email: member.profile.email } : {}),
        });
      }
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
  } catch (error) {
    services.logger.warn({ err: error }, 'users.list failed; matching owners to the members already known');
    return undefined;
  }
  return found;
}

/** A file can only be shared into a conversation: the person's DM with the app, opened for its D… id. */
async function sendProblems(services: AppServices, actor: Actor, name: string, csv: Buffer, count: number): Promise<'sent' | 'failed'> {
  const s = actor.t.sheetImport;
  try {
    const opened = await actor.client.conversations.open({ users: actor.userId });
    const channel = opened.channel?.id;
    if (!channel) throw new Error('conversations.open gave no channel');
    const stem = name.replace(/\.[^.]*$/, '') || 'sheet';
    await actor.client.filesUploadV2({ channel_id: channel, file: csv, filename: `${stem}-problems.csv`, title: s.fileTitle(name), initial_comment: s.fileComment(escapeText(name), count) });
    return 'sent';
  } catch (error) {
    services.logger.error({ err: error, user: actor.userId }, 'could not send the import problems');
    return 'failed';
  }
}
