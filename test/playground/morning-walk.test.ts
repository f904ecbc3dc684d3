import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { playgroundWalk } from '../support/playground-walk.js';

/**
 * The rep's morning, as the playground shows it: Zhang Wei opens his Home, sees what is
 * due, logs a follow-up on the oldest from there, and the lead leaves "due" on the Home
 * and in `/lead due`. Screenshots go to test-results/morning-*.png.
 */
describe('the playground in a browser: the rep\'s morning', () => {
  let page: Page;
  let pageErrors: string[] = [];
  playgroundWalk('morning-walk', (walk) => ({ page, pageErrors } = walk), { viewport: { width: 1280, height: 1000 } });

  const dialog = () => page.getByRole('dialog');
  const home = () => page.locator('.pg-home');
  const lastMessage = () => page.locator('.pg-message').last();


  let number = '';
  it('his Home opens on his day: what is due first, with its buttons', async () => {
    await page.getByRole('link', { name: 'leadops · Home' }).click();
    await expect.poll(() => home().textContent(), { timeout: 10_000 }).toContain('Your day');
    expect(await home().textContent()).toContain('Due today and overdue');
    const firstDue = home().locator('[data-block-id^="lead_actions_"]').first();
    number = ((await firstDue.getAttribute('data-block-id')) ?? '').replace('lead_actions_', '');
    expect(number).toMatch(/^\d{11}$/);
    await screenshot(page, 'morning-01-home');
  });

  it('he logs a follow-up on the oldest from the Home, and it leaves "due"', async () => {
    await home().locator(`[data-block-id="lead_actions_${number}"]`).getByRole('button', { name: 'Log follow-up' }).click();
    await dialog().waitFor();
    expect(await dialog().textContent()).toContain('Next follow-up');
    await dialog().locator('textarea').first().fill('Called Ms. Li: demo booked for next week');
    await dialog().getByText('Reached', { exact: true }).click();
    await screenshot(page, 'morning-02-follow-up-form');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().waitFor({ state: 'hidden' });
    await expect.poll(() => home().locator(`[data-block-id="lead_actions_${number}"]`).count(), { timeout: 10_000 }).toBe(0);
    expect(await home().textContent()).toContain(number);
    await screenshot(page, 'morning-03-home-after');
  });

  it('/lead due agrees, and the card shows the note', async () => {
    await page.getByRole('link', { name: '# sales', exact: true }).click();
    await page.locator('.pg-input').fill('/lead due');
    await page.locator('.pg-input').press('Enter');
    await expect.poll(() => lastMessage().textContent()).toContain('Your follow-ups');
    expect(await lastMessage().textContent()).not.toContain(number);
    await page.locator('.pg-input').fill(`/lead show ${number}`);
    await page.locator('.pg-input').press('Enter');
    await expect.poll(() => lastMessage().textContent()).toContain('Latest follow-ups');
    expect(await lastMessage().textContent()).toContain('Called Ms. Li: demo booked for next week');
    await screenshot(page, 'morning-04-card');
  });

  let zombie = '';
  it('he gives a zombie back to the team pool from /lead due', async () => {
    await page.locator('.pg-input').fill('/lead due');
    await page.locator('.pg-input').press('Enter');
    await expect.poll(() => lastMessage().textContent()).toContain('Zombies');
    const row = lastMessage()
      .locator('[data-block-id^="lead_actions_"]')
      .filter({ has: page.getByRole('button', { name: 'Release to the pool' }) })
      .first();
    zombie = ((await row.getAttribute('data-block-id')) ?? '').replace('lead_actions_', '');
    expect(zombie).toMatch(/^\d{11}$/);
    await row.getByRole('button', { name: 'Release to the pool' }).click();
    await expect.poll(() => lastMessage().textContent()).toContain('is back in the team pool');
    await screenshot(page, 'morning-05-released');
  });

  it('王芳 claims it from the pool, in 中文, and it is hers, due today', async () => {
    await page.locator('.pg-person-select').selectOption({ label: '王芳 · rep · zh-CN' });
    await page.getByRole('link', { name: '# sales', exact: true }).click();
    await page.locator('.pg-input').fill('/lead pool');
    await page.locator('.pg-input').press('Enter');
    await expect.poll(() => lastMessage().textContent()).toContain('公海');
    expect(await lastMessage().textContent()).toContain(zombie);
    await screenshot(page, 'morning-06-pool');
    await lastMessage().locator(`[data-block-id="pool_${zombie}"]`).getByRole('button', { name: '领取' }).click();
    await expect.poll(() => lastMessage().textContent()).toContain('现在归你负责');
    await screenshot(page, 'morning-07-claimed');
  });

  it('the morning DM: Zhang Wei\'s day arrives in his messages with its buttons, without the lead he gave away', async () => {
    // The page is in 王芳's 中文, so the menu names roles in 中文: Zhang Wei is the first person.
    await page.locator('.pg-person-select').selectOption({ index: 0 });
    await page.getByRole('button', { name: "Run now: Each rep's morning DM" }).click();
    // It opens his messages with the app, where the DM lands.
    await expect.poll(() => page.locator('.pg-header').textContent()).toContain('Messages');
    await expect.poll(() => lastMessage().textContent(), { timeout: 10_000 }).toContain('Good morning!');
    expect(await lastMessage().getByRole('button', { name: 'Log follow-up' }).count()).toBeGreaterThan(0);
    expect(await lastMessage().textContent()).not.toContain(zombie);
    await screenshot(page, 'morning-08-dm');
    expect(pageErrors).toEqual([]);
  });
});
