import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlayground, type RunningPlayground } from '../../src/playground/playground.js';
import { launchBrowser, screenshot } from '../support/browser.js';

/**
 * The alignment channel's week, as the playground shows it: the manager runs the
 * bottleneck flags, #sales-marketing gets a finding with its chart, she makes an action
 * item from it (the form filled from the flag), and the flag's thread says so.
 * Screenshots go to test-results/alignment-*.png.
 */
describe('the playground in a browser: the alignment channel', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'leadops-alignment-walk-'));
  const pageErrors: string[] = [];
  let playground: RunningPlayground;
  let browser: Browser;
  let page: Page;

  const dialog = () => page.getByRole('dialog');
  const flag = () => page.locator('.pg-messages > .pg-message').filter({ hasText: 'Bottleneck:' }).first();

  beforeAll(async () => {
    playground = await startPlayground({ databaseUrl: `file:${path.join(dir, 'playground.db')}`, port: 0, logger: pino({ level: 'silent' }) });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(playground.url);
    await page.locator('.pg-input').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the manager runs the flags: #sales-marketing gets a finding with its numbers, chart and buttons', async () => {
    await page.locator('.pg-person-select').selectOption('U0DEMOMGR');
    await page.getByRole('button', { name: 'Run now: Bottleneck flags' }).click();
    await expect.poll(() => page.locator('.pg-header').textContent(), { timeout: 10_000 }).toContain('# sales-marketing');
    await expect.poll(() => flag().count(), { timeout: 20_000 }).toBe(1);
    const text = (await flag().textContent()) ?? '';
    expect(text).toMatch(/usual/);
    expect(text).toMatch(/chance/);
    expect(await flag().locator('img').count()).toBeGreaterThan(0);
    expect(await flag().getByRole('button', { name: 'Create action item' }).count()).toBe(1);
    expect(await flag().getByRole('button', { name: 'Not a problem' }).count()).toBe(1);
    await screenshot(page, 'alignment-01-flag');
  });

  it('"Create action item" opens the form filled from the flag; saved, the flag\'s thread says so', async () => {
    await flag().getByRole('button', { name: 'Create action item' }).click();
    await dialog().waitFor();
    const conclusion = dialog().locator('textarea').first();
    expect(await conclusion.inputValue()).toMatch(/^Bottleneck: .+: .+ usual$/);
    const metric = dialog().locator('[name="action_metric/action_metric"]');
    expect(await metric.locator('option:checked').textContent()).not.toBe('');
    expect(await dialog().locator('[name="action_target/action_target"]').inputValue()).toMatch(/^\d+%$/);
    await dialog().locator('[name="action_title/action_title"]').fill('Marketing sends the case study with every first call');
    await screenshot(page, 'alignment-02-action-form');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().waitFor({ state: 'hidden' });

    const thread = flag().locator('.pg-thread');
    await expect.poll(() => thread.textContent(), { timeout: 10_000 }).toContain('made action item');
    expect(await thread.textContent()).toContain('Marketing sends the case study with every first call');
    expect(await thread.locator('.pg-thread-count').textContent()).toBe('1 reply');
    await flag().scrollIntoViewIfNeeded();
    await screenshot(page, 'alignment-03-thread');
  });

  it('/lead actions lists it with the metric it tracks', async () => {
    await page.locator('.pg-input').fill('/lead actions');
    await page.locator('.pg-input').press('Enter');
    const last = page.locator('.pg-messages > .pg-message').last();
    await expect.poll(() => last.textContent(), { timeout: 10_000 }).toContain('Open action items');
    expect(await last.textContent()).toContain('Tracking:');
    expect(await last.textContent()).toContain('Marketing sends the case study with every first call');
    await screenshot(page, 'alignment-04-actions');
    expect(pageErrors).toEqual([]);
  });
});
