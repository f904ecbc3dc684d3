import { exportLeadsToBuffer, mayExport, type ExportFormat } from '../app/export.js';
import type { SheetLanguage } from '../domain/lead-sheet-export.js';
import { teamDayLabel } from './text.js';
import { textMessage } from './blocks/message.js';
import { later, reply, type Actor, type Outcome } from './listen.js';
import type { AppServices } from './services.js';

/** `/lead export [xlsx|csv] [zh|en]`: the team's leads as the tracking sheet, in the caller's DM (src/app/export.ts makes it). */

const FORMATS: Record<string, ExportFormat> = { xlsx: 'xlsx', excel: 'xlsx', csv: 'csv' };
const LANGUAGES: Record<string, SheetLanguage> = { zh: 'zh', 中文: 'zh', cn: 'zh', en: 'en', english: 'en', 英文: 'en' };

export async function exportToDm(services: AppServices, actor: Actor, words: readonly string[]): Promise<Outcome> {
  // Refused before anything is read, so a rep hears who may at once.
  mayExport(actor);
  let format: ExportFormat = 'xlsx';
  // The sheet's headers in the caller's language unless they ask for the other.
  let language: SheetLanguage = actor.locale;
  for (const word of words) {
    const key = word.normalize('NFKC').toLowerCase();
    if (FORMATS[key]) format = FORMATS[key];
    else if (LANGUAGES[key]) language = LANGUAGES[key];
    else return reply(textMessage(actor.t.sheetExport.badWord(word)));
  }
  return later(textMessage(actor.t.working), async () => {
    const sheet = await exportLeadsToBuffer(actor, services.db, { format, language });
    const t = actor.t.sheetExport;
    const day = teamDayLabel(actor.now, actor.workspace.timeZone, actor.locale);
    const leads = sheet.leads;
    try {
      // A file can only be shared into a conversation: the person's DM with the app.
      const opened = await actor.client.conversations.open({ users: actor.userId });
      const channel = opened.channel?.id;
      if (!channel) throw new Error('conversations.open gave no channel');
      await actor.client.filesUploadV2({ channel_id: channel, file: sheet.bytes, filename: sheet.fileName, title: t.title(day), initial_comment: t.comment(leads, day) });
    } catch (error) {
      services.logger.error({ err: error, user: actor.userId }, 'could not send the export');
      return textMessage(t.failed);
    }
    return textMessage(t.sent(sheet.fileName, leads));
  });
}
