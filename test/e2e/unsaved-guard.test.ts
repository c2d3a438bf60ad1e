/**
 * Issue 13 item 7: unsaved edits are not dropped on reload without asking. One guard
 * (renderer/lib/unsaved-guard.ts) serves every editor; the browser asks through `beforeunload`,
 * the desktop app through Electron's `will-prevent-unload` (unit-tested in electron-window).
 */
import type { Browser, Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession } from '../helpers/e2e-session.js';
import type { ServeProcess } from '../helpers/serve-process.js';

let app: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ app, browser, page } = await openSession());
});

afterAll(async () => closeSession({ app, browser }));

/** Reloads, answering a "leave?" question (if one comes) with `accept`; says whether one came. */
async function reloadAnswering(accept: boolean): Promise<boolean> {
  let asked: Dialog | null = null;
  const onDialog = (dialog: Dialog): void => {
    asked = dialog;
    void (accept ? dialog.accept() : dialog.dismiss());
  };
  page.on('dialog', onDialog);
  try {
    // A dismissed question keeps the page: the reload then never finishes, which is the point.
    await page.reload({ timeout: 3000 }).catch(() => undefined);
  } finally {
    page.off('dialog', onDialog);
  }
  return asked !== null && (asked as Dialog).type() === 'beforeunload';
}

describe('unsaved changes guard', () => {
  it('asks before a reload drops an unsaved endpoint, keeps it on Stay, and lets go on Leave', async () => {
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('rail-endpoints').click();
    await page.getByTestId('endpoint-new').click();
    const editor = page.getByTestId('endpoint-editor');
    await editor.getByTestId('tab-settings').click();
    await editor.getByTestId('endpoint-name').fill('Not saved yet');

    expect(await reloadAnswering(false)).toBe(true);
    expect(await editor.getByTestId('endpoint-name').inputValue()).toBe('Not saved yet');

    expect(await reloadAnswering(true)).toBe(true);
    await page.getByTestId('rail-endpoints').click();
    await page.getByTestId('endpoints-first-run').waitFor();
  });

  it('reloads without a question when nothing is unsaved', async () => {
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('rail-inbox').click();
    expect(await reloadAnswering(true)).toBe(false);
  });
});
