/**
 * Issue 13: saved views for the Inbox filter, in headless Chromium against `serve`: save the
 * current expression under a name from the keyboard, reapply it, rename it, delete it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SavedView } from '../../src/model/environment.js';
import { closeSession, openSession, shots } from '../helpers/e2e-session.js';
import type { ServeProcess } from '../helpers/serve-process.js';

let app: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ app, browser, page } = await openSession({ viewport: { width: 1400, height: 860 }, colorScheme: 'light' }));
});

afterAll(async () => closeSession({ app, browser }));

const rows = () => page.getByTestId('exchange-row');

/** The test id of the focused element (the page's DOM is not in this file's types). */
async function focusedTestId(): Promise<string | null> {
  return page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }).document.activeElement?.getAttribute('data-testid') ?? null);
}

async function stored(): Promise<SavedView[]> {
  const res = await fetch(`${app.controlUrl}/api/saved-views`, { headers: { Authorization: `Bearer ${app.token}` } });
  return (await res.json()) as SavedView[];
}

describe('Inbox saved views', () => {
  it('saves the filter under a name, reapplies it, renames and deletes it', async () => {
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('empty-state').waitFor();
    for (const payout of ['0.75', '1.90', '2.50']) expect((await fetch(`${app.receiverUrl}/pb?click_id=sv-${payout}&payout=${payout}`)).status).toBe(200);
    await expect.poll(async () => rows().count(), { timeout: 5000 }).toBe(3);

    const box = page.getByTestId('filter-text');
    await box.fill('param.payout>1.5');
    await expect.poll(async () => rows().count(), { timeout: 5000 }).toBe(2);

    // Save from the keyboard: open the menu, Tab to the name, type, Enter.
    await page.getByTestId('saved-views-open').focus();
    await page.keyboard.press('Enter');
    const menu = page.getByTestId('saved-views-menu');
    await menu.waitFor();
    await expect.poll(async () => focusedTestId()).toBe('saved-view-name');
    await page.keyboard.type('Big payouts');
    await page.keyboard.press('Enter');
    await expect.poll(async () => menu.getByTestId('saved-view').allTextContents()).toEqual([expect.stringContaining('Big payouts')]);
    expect((await stored()).map((v) => [v.name, v.filter])).toEqual([['Big payouts', 'param.payout>1.5']]);
    expect(await page.getByTestId('saved-views-open').textContent()).toContain('Big payouts');
    await page.screenshot({ path: `${shots}/saved-views-01-menu.png` });
    await page.screenshot({ path: '/tmp/h2-saved-views-menu.png' });
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await focusedTestId()).toBe('saved-views-open');

    // A different filter, then the view again: first item focused on open, Enter applies it.
    await box.fill('');
    await expect.poll(async () => rows().count(), { timeout: 5000 }).toBe(3);
    await page.getByTestId('saved-views-open').click();
    await expect.poll(async () => focusedTestId()).toBe('saved-view-apply');
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });
    expect(await box.inputValue()).toBe('param.payout>1.5');
    await expect.poll(async () => rows().count(), { timeout: 5000 }).toBe(2);

    // Rename: arrow down to the pencil, type the new name, Enter.
    await page.getByTestId('saved-views-open').click();
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId()).toBe('saved-view-rename');
    await page.keyboard.press('Enter');
    const rename = menu.getByTestId('saved-view-rename-input');
    await rename.fill('Payouts over 1.5');
    await rename.press('Enter');
    await expect.poll(async () => menu.getByTestId('saved-view-apply').textContent()).toContain('Payouts over 1.5');
    expect((await stored()).map((v) => v.name)).toEqual(['Payouts over 1.5']);

    // Delete asks twice.
    await menu.getByTestId('saved-view-delete').click();
    expect(await menu.getByTestId('saved-view-delete').getAttribute('aria-label')).toBe('Press again to delete Payouts over 1.5');
    await menu.getByTestId('saved-view-delete').click();
    await expect.poll(async () => menu.getByTestId('saved-view').count()).toBe(0);
    expect(await stored()).toEqual([]);
    await page.screenshot({ path: `${shots}/saved-views-02-deleted.png` });
  });
});
