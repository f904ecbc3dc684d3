import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningPlayground } from '../../src/playground/playground.js';
import { screenshot } from '../support/browser.js';
import { playgroundWalk } from '../support/playground-walk.js';

/**
 * A sales manager's first minutes with leadops, in a real browser, against the real bot:
 * `npm run playground` as it starts, and the page standing in for Slack. Each step leaves
 * a screenshot in test-results/.
 */
describe('the playground in a browser: a new user\'s first minutes', () => {
  let page: Page;
  let pageErrors: string[] = [];
  let playground: RunningPlayground;
  playgroundWalk('playground', (walk) => ({ page, pageErrors, playground } = walk), { viewport: { width: 1280, height: 860 } });

  const dialog = () => page.getByRole('dialog');
  const lastMessage = () => page.locator('.pg-message').last();
  async function type(text: string) {
    await page.locator('.pg-input').fill(text);
    await page.locator('.pg-input').press('Enter');
  }


  it('refuses the page without the token in its link', async () => {
    const response = await fetch(playground.url.replace(/\?t=.*/, ''));
    expect(response.status).toBe(403);
    const wrong = await fetch(playground.url.replace(/\?t=.*/, '?t=guess'));
    expect(wrong.status).toBe(403);
  });

  it('opens on #sales with a message box that hints the /lead commands', async () => {
    await expect.poll(() => page.locator('.pg-header h1').textContent()).toBe('# sales');
    await page.locator('.pg-input').fill('/lead ');
    await expect.poll(() => page.locator('.pg-hints li').count()).toBeGreaterThan(8);
    expect(await page.locator('.pg-hints').textContent()).toContain('/lead new [name]');
    await page.locator('.pg-input').fill('/lead adv');
    await expect.poll(() => page.locator('.pg-hints li').allTextContents()).toEqual([expect.stringContaining('/lead advance <number> [stage]')]);
    await screenshot(page, '01-command-hints');
  });

  let number = '';
  it('adds a lead through the modal: a blank name is refused beside the field, then the lead gets its number', async () => {
    await type('/lead new');
    await dialog().waitFor();
    expect(await dialog().locator('h1').textContent()).toBe('New lead');
    await dialog().locator('[name="name/name"]').fill('   ');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog().textContent()).toContain('Name is required.');
    await screenshot(page, '02-new-lead-field-error');

    await dialog().locator('[name="name/name"]').fill('星河教育科技');
    await dialog().locator('[name="source_channel/source_channel"]').fill('展会');
    await dialog().getByRole('button', { name: 'Save' }).click();
    // The demo team already has a 星河教育科技: the form warns, keeps what was typed, and creates it on the second press.
    await expect.poll(() => dialog().textContent()).toContain('This may already be a lead');
    expect(await dialog().locator('[name="name/name"]').inputValue()).toBe('星河教育科技');
    await dialog().getByRole('button', { name: 'Create anyway' }).click();
    await dialog().waitFor({ state: 'hidden' });
    await expect.poll(() => lastMessage().textContent()).toContain('added, owned by');
    expect(await lastMessage().textContent()).toContain('Only visible to you');
    number = /\b(\d{11})\b/.exec((await lastMessage().textContent()) ?? '')?.[1] ?? '';
    expect(number).toMatch(/^\d{11}$/);
    await screenshot(page, '03-lead-added');
  });

  it('advances it with the button on its card, which replaces the card', async () => {
    const before = await page.locator('.pg-message').count();
    await lastMessage().getByRole('button', { name: 'Advance to Contacted' }).click();
    await expect.poll(() => lastMessage().textContent()).toContain('moved from Acquired to Contacted');
    expect(await page.locator('.pg-message').count()).toBe(before);
    expect(await lastMessage().getByRole('button', { name: 'Advance to Discovery' }).count()).toBe(1);
    await screenshot(page, '04-lead-advanced');
  });

  it('shows what people type literally: a lead named <!channel> pings no one', async () => {
    await type('/lead new Hostile <!channel> *Co*');
    await dialog().waitFor();
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().waitFor({ state: 'hidden' });
    // The bot keeps * from being read as bold with zero-width spaces: what a person sees is the name.
    await expect.poll(async () => (await lastMessage().textContent())?.replace(/\u200b/g, '')).toContain('Hostile <!channel> *Co*');
    expect(await lastMessage().locator('.sk-broadcast, strong:text("Co")').count()).toBe(0);
  });

  it('marks that lead lost with reasons from the form', async () => {
    await lastMessage().getByRole('button', { name: 'Mark lost' }).click();
    await dialog().waitFor();
    await dialog().locator('[name="known_reasons/known_reasons"]').selectOption([{ label: 'No budget' }, { label: 'Competitor cheaper' }]);
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().waitFor({ state: 'hidden' });
    await expect.poll(() => lastMessage().textContent()).toContain('is marked lost: No budget, Competitor cheaper');
    await screenshot(page, '05-lead-lost');
  });

  it('turns a customer\'s message into a lead from its ⋯ menu: the form holds the words, a link back, the email and phone', async () => {
    await type('Hi, Zhou of 云帆物流 here & keen on a quote: zhou@yunfan-logistics.cn, 137 1234 5678');
    await expect.poll(() => lastMessage().textContent()).toContain('zhou@yunfan-logistics.cn');
    await lastMessage().hover();
    await lastMessage().getByLabel('More actions').click();
    await lastMessage().getByRole('menuitem', { name: 'Create lead from message' }).click();
    await dialog().waitFor();
    expect(await dialog().locator('h1').textContent()).toBe('New lead');
    expect(await dialog().locator('[name="contact_email/contact_email"]').inputValue()).toBe('zhou@yunfan-logistics.cn');
    expect(await dialog().locator('[name="contact_phone/contact_phone"]').inputValue()).toBe('137 1234 5678');
    const notes = await dialog().locator('[name="notes/notes"]').inputValue();
    expect(notes).toContain('Hi, Zhou of 云帆物流 here & keen on a quote');
    expect(notes).toMatch(/\nhttps:\/\/[a-z0-9-]+\.slack\.com\/archives\/C0SALES\/p\d+$/);
    await screenshot(page, '05b-lead-from-message');
    await dialog().locator('[name="name/name"]').fill('Zhou Yunfan Logistics Test');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().waitFor({ state: 'hidden' });
    await expect.poll(() => lastMessage().textContent()).toContain('added, owned by');
    expect(await lastMessage().textContent()).toContain('keen on a quote');
    expect(pageErrors).toEqual([]);
  });

  it('opens the App Home with the rep\'s open leads', async () => {
    await page.getByRole('link', { name: 'leadops · Home' }).click();
    await expect.poll(() => page.locator('.pg-home').textContent(), { timeout: 10_000 }).toContain(number);
    await screenshot(page, '06-app-home');
  });

  it('the manager sets a goal: picking the metric shows its 3-month baseline', async () => {
    // Goals are the managers': the rep hands the keyboard to Sarah Lin.
    await page.locator('.pg-person-select').selectOption('U0DEMOMGR');
    await page.getByRole('link', { name: '# sales', exact: true }).click();
    await type('/lead goal set');
    await dialog().waitFor();
    await dialog().locator('[name="goal_metric/goal_metric"]').selectOption({ label: 'New leads' });
    await expect.poll(() => dialog().textContent(), { timeout: 10_000 }).toContain('a month on average over the last 3 complete months');
    await dialog().locator('[name="goal_target/goal_target"]').fill('180');
    await dialog().locator('[name="goal_period/goal_period"]').selectOption({ label: 'This month' });
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().waitFor({ state: 'hidden' });
    await expect.poll(() => lastMessage().textContent()).toContain('Goal saved: New leads · team, target 180');
    await screenshot(page, '07-goal-saved');
  });

  it('runs the weekly digest into the managers\' channel, with its charts', async () => {
    await page.getByRole('button', { name: 'Run now: Weekly funnel' }).click();
    await expect.poll(() => page.locator('.pg-header h1').textContent()).toBe('# sales-managers');
    await expect.poll(() => page.locator('.pg-message img').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.waitForFunction("[...document.querySelectorAll('.pg-message img')].every((image) => image.complete)");
    const widths = await page.locator('.pg-message img').evaluateAll((images) => images.map((image) => (image as unknown as { naturalWidth: number }).naturalWidth));
    expect(widths.every((width) => width > 0)).toBe(true);
    expect(await lastMessage().textContent()).toContain('Weekly funnel');
    await screenshot(page, '08-weekly-digest');
  });

  it('sorts the digest\'s funnel table by a column, as Slack does', async () => {
    const table = lastMessage().locator('.sk-data-table').first();
    const firstColumn = () => table.locator('tbody tr:not([hidden]) > :first-child').allTextContents();
    expect((await firstColumn())[0]).toBe('Acquired');
    await table.getByRole('button', { name: 'Reached' }).click();
    expect(await table.locator('th[aria-sort="ascending"]').textContent()).toContain('Reached');
    expect((await firstColumn())[0]).toBe('Won');
    await table.getByRole('button', { name: 'Reached' }).click();
    expect((await firstColumn())[0]).toBe('Acquired');
  });

  it('switches to the 中文 rep: the page and the bot speak Chinese', async () => {
    await page.locator('.pg-person-select').selectOption({ label: '王芳 · rep · zh-CN' });
    await expect.poll(() => page.locator('.pg-sidebar h3').first().textContent()).toBe('频道');
    await page.getByRole('link', { name: '# sales', exact: true }).click();
    await type(`/lead show ${number}`);
    await expect.poll(() => lastMessage().textContent()).toContain('初步接触');
    expect(await lastMessage().getByRole('button', { name: '推进到需求挖掘' }).count()).toBe(1);
    await screenshot(page, '09-chinese-rep');
    expect(pageErrors).toEqual([]);
  });

  it('puts the demo team back with Reset demo: the lead added here is gone', async () => {
    page.once('dialog', (question) => void question.accept());
    await page.getByRole('button', { name: '重置演示数据' }).click();
    await expect.poll(() => page.locator('.pg-message').count()).toBe(0);
    await type(`/lead show ${number}`);
    await expect.poll(() => lastMessage().textContent()).toContain(`没有编号为 ${number} 的线索`);
    expect(pageErrors).toEqual([]);
  });
});
