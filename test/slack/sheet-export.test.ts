import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dmChannelOf } from '../../src/playground/fake-slack.js';
import { DATABASES } from '../support/databases.js';
import { seedLead } from '../support/leads.js';
import { MEI, WANG } from '../support/people.js';
import { slackAppFor } from '../support/slack-app.js';
import type { TestApp } from '../support/test-app.js';

/**
 * `/lead export` through signed requests, on both databases: a manager gets every lead as
 * the tracking sheet in their DM (an .xlsx by default, CSV on request, headers in the
 * language asked for); a rep is refused before anything is read; a word that is neither
 * format nor language is named.
 */

/** 10:00 on Thursday 3 December 2026 in Shanghai. */
const NOW = new Date('2026-12-03T02:00:00Z');

describe.each(DATABASES)('/lead export (%s)', (kind) => {
  let app: TestApp;
  slackAppFor(kind, NOW, (started) => (app = started), { teamAdmins: [MEI.id] });

  async function exportAs(text: string, user: { id: string; name: string } = MEI): Promise<string> {
    const id = `export-${Math.random().toString(36).slice(2)}`;
    const ack = await app.driver.command(text, { user, responseUrl: app.slack.responseUrl(id) });
    expect(ack.status).toBe(200);
    if (ack.json?.text && !String(ack.json.text).includes('Working')) return String(ack.json.text);
    return String((await app.slack.waitForResponse((response) => response.id === id)).body.text);
  }

  it('sends a manager every lead as an .xlsx workbook in their DM, headers in 中文 when asked', async () => {
    const first = await seedLead(app, { name: '星河教育', sourceChannel: '抖音' });
    const second = await seedLead(app, { name: 'Acme Robotics', ownerId: WANG.id });
    const answer = await exportAs('export xlsx zh');
    expect(answer).toBe('Sent to your DM with leadops: *leads-T0LEADOPS-2026-12-03.xlsx*, 2 leads.');

    expect(app.slack.callsOf('conversations.open')[0]!.args.users).toBe(MEI.id);
    const completed = app.slack.callsOf('files.completeUploadExternal')[0]!;
    expect(completed.args.channel_id).toBe(dmChannelOf(MEI.id));
    expect(String(completed.args.initial_comment)).toBe('Every lead of the team (2) as the tracking sheet, Thu 3 Dec. It imports back with `/lead import`.');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(app.slack.uploads[0]!.bytes as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('线索跟踪表');
    expect(sheet.getRow(1).getCell(1).text).toBe('线索编号');
    const numbers = [2, 3].map((row) => sheet.getRow(row).getCell(1).text).sort();
    expect(numbers).toEqual([first.number, second.number].sort());
  });

  it('a CSV on request, with the BOM Excel needs and headers in the caller\'s language', async () => {
    const lead = await seedLead(app, { name: '=HYPERLINK("http://evil")' });
    expect(await exportAs('export csv')).toBe('Sent to your DM with leadops: *leads-T0LEADOPS-2026-12-03.csv*, 1 lead.');
    const bytes = app.slack.uploads[0]!.bytes;
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(bytes, { bom: true }) as string[][];
    expect(rows[0]![0]).toBe('number');
    expect(rows[1]![0]).toBe(lead.number);
    // No cell runs as a formula when Excel opens it.
    expect(rows[1]).toContain('\'=HYPERLINK("http://evil")');
  });

  it('refuses a rep in their language, and names a word that is neither format nor language; nothing is sent', async () => {
    await seedLead(app);
    expect(await exportAs('export', WANG)).toContain('只有经理');
    expect(await exportAs('export pdf')).toBe('`pdf` is not a format or a language: `/lead export [xlsx|csv] [zh|en]`, e.g. `/lead export xlsx zh`.');
    expect(app.slack.uploads).toHaveLength(0);
  });
});
