import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { playgroundWalk } from '../support/playground-walk.js';

/**
 * Correcting and taking back, as a team meets it in the playground: a rep edits a lead
 * from its card and undoes the change, a colleague is told she may not move his lead,
 * a manager reopens a lost one. Screenshots go to test-results/journal-*.png.
 */
describe('the playground in a browser: edit, undo, roles and reopen', () => {
  let page: Page;
  let pageErrors: string[] = [];
  playgroundWalk('journal-walk', (walk) => ({ page, pageErrors } = walk), { viewport: { width: 1280, height: 900 } });

  const dialog = () => page.getByRole('dialog');
  const lastMessage = () => page.locator('.pg-message').last();
  async function type(text: string) {
    await page.locator('.pg-input').fill(text);
    await page.locator('.pg-input').press('Enter');
  }
  /** Switches the person at the keyboard, by Slack user id (the labels are in the page's language). */
  async function become(userId: string) {
    await page.locator('.pg-person-select').selectOption(userId);
    await page.getByRole('link', { name: '# sales', exact: true }).click();
  }


  let number = '';
  it('a rep edits his new lead from its card: the form shows BANT, the card says what changed', async () => {
    await type('/lead new 北辰医疗');
    await dialog().waitFor();
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().waitFor({ state: 'hidden' });
    await expect.poll(() => lastMessage().textContent()).toContain('added, owned by');
    number = /\b(\d{11})\b/.exec((await lastMessage().textContent()) ?? '')?.[1] ?? '';
    expect(number).toMatch(/^\d{11}$/);

    await lastMessage().getByRole('button', { name: 'Edit' }).click();
    await dialog().waitFor();
    expect(await dialog().locator('h1').textContent()).toBe(`Edit ${number}`);
    expect(await dialog().textContent()).toContain('Budget (BANT)');
    await dialog().locator('[name="industry/industry"]').fill('医疗');
    await dialog().locator('[name="budget/budget"]').fill('50万 approved for Q1');
    await screenshot(page, 'journal-01-edit-form');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().waitFor({ state: 'hidden' });
    await expect.poll(() => lastMessage().textContent()).toContain(`Saved lead ${number}: industry, budget changed.`);
    expect(await lastMessage().textContent()).toContain('changed industry, budget');
    await screenshot(page, 'journal-02-edited');
  });

  it('he undoes it: the fields are empty again and the timeline keeps both', async () => {
    await type(`/lead undo ${number}`);
    await expect.poll(() => lastMessage().textContent()).toContain(`Undone on lead ${number}: industry, budget.`);
    const card = (await lastMessage().textContent()) ?? '';
    expect(card).not.toContain('Industry');
    expect(card).toContain('undid a change: industry, budget');
    expect(card).toContain('changed industry, budget');
    await screenshot(page, 'journal-03-undone');
  });

  it('a colleague may look at his lead but not move it, and is told so in 中文', async () => {
    await become('U0DEMO01');
    await type(`/lead advance ${number}`);
    await expect.poll(() => lastMessage().textContent()).toContain('只有负责人');
    expect(await lastMessage().textContent()).toContain(`或经理可以推进 ${number}`);
    await screenshot(page, 'journal-04-refused-zh');
  });

  it('the manager marks it lost and reopens it with the card\'s button', async () => {
    await become('U0DEMOMGR');
    await type(`/lead lose ${number} 预算不足`);
    await screenshot(page, 'journal-05-lost');
    await expect.poll(() => lastMessage().textContent()).toContain('is marked lost: No budget');
    await lastMessage().getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => lastMessage().textContent()).toContain(`Reopened lead ${number}`);
    expect(await lastMessage().textContent()).toContain('Lost → Acquired');
    await type('/lead team');
    await expect.poll(() => lastMessage().textContent()).toContain('You are a manager.');
    await screenshot(page, 'journal-06-reopened');
    expect(pageErrors).toEqual([]);
  });
});
