import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { playgroundWalk } from '../support/playground-walk.js';

/**
 * A manager brings the team's sheet in through the playground, in a real browser: the
 * file picked in the modal's file input, a dry run, "Import it now", the problem rows as
 * a CSV in the DM; then `/lead hygiene` and `/lead audit` through the same command path.
 */

const SHEET = [
  '线索编号,线索名称,来源渠道,获取时间,负责人,客户行业',
  '20190101,沙盒科技,展会,2019-01-01 09:00,Sarah Lin,教育',
  '20190102,沙盒贸易,抖音,someday,Sarah Lin,零售',
  '20190103,无主公司,抖音,2019-01-03,Nobody Here,零售',
].join('\n');

describe('the playground in a browser: /lead import, hygiene and audit', () => {
  let page: Page;
  let pageErrors: string[] = [];
  /** The workbook /lead export sent, to bring back in. */
  let exported: Buffer;
  playgroundWalk('playground-import', (walk) => ({ page, pageErrors } = walk), { viewport: { width: 1280, height: 860 }, acceptDownloads: true });

  const dialog = () => page.getByRole('dialog');
  const lastMessage = () => page.locator('.pg-message').last();
  async function type(text: string) {
    await page.locator('.pg-input').fill(text);
    await page.locator('.pg-input').press('Enter');
  }

  beforeAll(async () => {
    await page.locator('.pg-person-select').selectOption('U0DEMOMGR');
  });

  it('picks the sheet in the modal, dry-runs it, then imports it with one click', async () => {
    await type('/lead import');
    await dialog().waitFor();
    expect(await dialog().locator('h1').textContent()).toBe('Import a sheet');
    const input = dialog().locator('input[type="file"][name="import_file/import_file"]');
    expect(await input.getAttribute('accept')).toBe('.csv,.xlsx');
    expect(await dialog().locator('[name="import_options/import_options"]').isChecked()).toBe(true);
    await input.setInputFiles({ name: 'tracking.csv', mimeType: 'text/csv', buffer: Buffer.from(SHEET, 'utf8') });
    await screenshot(page, 'import-01-file-chosen');
    await dialog().getByRole('button', { name: 'Import' }).click();
    await dialog().waitFor({ state: 'hidden' });
    await expect.poll(() => lastMessage().textContent()).toContain('Dry run of tracking.csv, nothing written: 3 row(s) read · 2 would be new · 0 would be updated · 0 unchanged · 1 would be refused.');
    expect(await lastMessage().textContent()).toContain('“Nobody Here”: 1 row(s), nobody in Slack by that name');
    await screenshot(page, 'import-02-dry-run');

    await lastMessage().getByRole('button', { name: 'Import it now' }).click();
    await expect.poll(() => lastMessage().textContent()).toContain('tracking.csv: 3 row(s) read · 2 new · 0 updated · 0 unchanged · 1 refused.');
    await screenshot(page, 'import-03-imported');
  });

  it('sends the problem rows to the DM as a CSV to download', async () => {
    await page.locator(`[data-place="channel"][data-channel^="D"]`).first().click();
    const link = page.locator('a.pg-file-download').last();
    await link.waitFor();
    expect(await link.textContent()).toContain('Problems in tracking.csv');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('tracking-problems.csv');
    const rows = parse(await streamText(await download.createReadStream()), { bom: true }) as string[][];
    expect(rows[0]).toEqual(['row', 'number', 'column', 'value', 'reason']);
    expect(rows[1]!.slice(0, 4)).toEqual(['3', '20190102', '获取时间', 'someday']);
    await screenshot(page, 'import-04-problems-in-dm');
  });

  it('/lead hygiene and /lead audit answer in the channel', async () => {
    await page.locator('[data-place="channel"][data-channel="C0SALES"]').first().click();
    await type('/lead hygiene');
    await expect.poll(() => lastMessage().textContent()).toContain('Data hygiene: the team\'s leads');
    // The imported lead whose owner is nobody in Slack waits, unowned, in the pool.
    expect(await lastMessage().textContent()).toContain('20190103');
    await screenshot(page, 'import-05-hygiene');
    await type('/lead audit');
    await expect.poll(() => lastMessage().textContent()).toContain('Spot-check: leads changed this week');
    await screenshot(page, 'import-06-audit');
  });

  it('/lead export sends every lead to the DM as a workbook, imported leads among them', async () => {
    await type('/lead export');
    await expect.poll(() => lastMessage().textContent(), { timeout: 30_000 }).toContain('Sent to your DM with leadops');
    await page.locator('[data-place="channel"][data-channel^="D"]').first().click();
    const link = page.locator('.pg-file-download').last();
    await expect.poll(() => link.textContent(), { timeout: 10_000 }).toContain('Leads');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^leads-T0DEMO-\d{4}-\d{2}-\d{2}\.xlsx$/);
    exported = await streamBytes(await download.createReadStream());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.buffer.slice(exported.byteOffset, exported.byteOffset + exported.byteLength) as ArrayBuffer);
    const numbers = new Set<string>();
    workbook.worksheets[0]!.eachRow((row) => numbers.add(row.getCell(1).text));
    // Sarah reads English: the headers are in it.
    expect(numbers.has('number')).toBe(true);
    expect(numbers.has('20190101')).toBe(true);
    expect(numbers.size).toBeGreaterThan(600);
    await screenshot(page, 'import-07-export-in-dm');
    expect(pageErrors).toEqual([]);
  });

  it('brings the exported workbook back in through the same form, and nothing changes', async () => {
    await page.locator('[data-place="channel"][data-channel="C0SALES"]').first().click();
    await type('/lead import');
    await dialog().waitFor();
    await dialog().locator('input[type="file"][name="import_file/import_file"]').setInputFiles({ name: 'leads.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: exported });
    await dialog().locator('[name="import_options/import_options"]').uncheck();
    await screenshot(page, 'import-08-workbook-chosen');
    await dialog().getByRole('button', { name: 'Import' }).click();
    await dialog().waitFor({ state: 'hidden' });
    await expect.poll(() => lastMessage().textContent(), { timeout: 30_000 }).toMatch(/leads\.xlsx: (\d+) row\(s\) read · 0 new · 0 updated · \1 unchanged · 0 refused\./);
    // The lead that went to the pool comes back with no owner, not as someone called "leadops".
    expect(await lastMessage().textContent()).not.toContain('leadops”');
    await screenshot(page, 'import-09-workbook-back-in');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

async function streamBytes(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  return (await streamBytes(stream)).toString('utf8');
}
