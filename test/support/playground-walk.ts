import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startPlayground, type RunningPlayground } from '../../src/playground/playground.js';
import { launchBrowser } from './browser.js';

/** What a walk through the playground acts with: its page, and the ways a person uses it. */
export interface PlaygroundWalk {
  playground: RunningPlayground;
  page: Page;
  /** Errors the page threw: a walk ends by expecting none. */
  pageErrors: string[];
  dialog(): Locator;
  lastMessage(): Locator;
  /** Types a line into the composer and sends it. */
  type(text: string): Promise<void>;
}

/**
 * A playground of its own for one describe's walk (a fresh demo team in a temporary
 * folder) and a real browser page open on it, ready once the composer shows; all of it
 * gone after the walk. `use` receives the walk once it is ready.
 */
export function playgroundWalk(name: string, use: (walk: PlaygroundWalk) => void, options: { viewport?: { width: number; height: number }; acceptDownloads?: boolean } = {}): void {
  const dir = mkdtempSync(path.join(tmpdir(), `leadops-${name}-`));
  let playground: RunningPlayground | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    playground = await startPlayground({ databaseUrl: `file:${path.join(dir, 'playground.db')}`, port: 0, logger: pino({ level: 'silent' }) });
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 900 }, ...(options.acceptDownloads ? { acceptDownloads: true } : {}) });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(playground.url);
    await page.locator('.pg-input').waitFor();
    use({
      playground,
      page,
      pageErrors,
      dialog: () => page.getByRole('dialog'),
      lastMessage: () => page.locator('.pg-message').last(),
      async type(text) {
        await page.locator('.pg-input').fill(text);
        await page.locator('.pg-input').press('Enter');
      },
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
}
