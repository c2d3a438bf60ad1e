import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startServe, type ServeProcess } from './serve-process.js';

/** Where every E2E test keeps its screenshots (CI artifacts). */
export const shots = 'test-results/screenshots';

export interface E2eSession {
  app: ServeProcess;
  browser: Browser;
  page: Page;
}

/** The app as a user starts it (`serve`), and one Chromium page to drive it. */
export async function openSession(page: BrowserContextOptions = { viewport: { width: 1400, height: 900 }, colorScheme: 'light' }): Promise<E2eSession> {
  mkdirSync(shots, { recursive: true });
  const app = await startServe();
  const browser = await launchChromium();
  return { app, browser, page: await browser.newPage(page) };
}

export async function closeSession(session: Partial<E2eSession>): Promise<void> {
  await session.browser?.close();
  await session.app?.stop();
}

/** In the open Composer: a new template with this name and URL (the first steps of most Composer tests). */
export async function newTemplate(page: Page, name: string, url: string): Promise<void> {
  await page.getByTestId('template-new').click();
  await page.getByTestId('template-name').fill(name);
  await page.getByTestId('template-url').fill(url);
}
