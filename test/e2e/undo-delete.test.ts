import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, shots } from '../helpers/e2e-session.js';
import type { ServeProcess } from '../helpers/serve-process.js';

let app: ServeProcess;
let browser: Browser;
let page: Page;
const deletes: string[] = [];

const auth = () => ({ headers: { Authorization: `Bearer ${app.token}` } });
async function storedIds(): Promise<number[]> {
  const page = (await (await fetch(`${app.controlUrl}/api/exchanges?limit=100`, auth())).json()) as { items: Array<{ id: number }> };
  return page.items.map((r) => r.id);
}
const rows = () => page.getByTestId('exchange-row');
/** Select a row and wait until the detail (whose Delete button acts on it) shows it. */
async function pick(id: number): Promise<void> {
  await page.locator(`#exchange-row-${id}`).click();
  await page.locator('.detail-url').filter({ hasText: `undo-${id}` }).waitFor();
}
const rowIds = () => rows().evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-exchange-id'))));

function watch(p: Page): void {
  p.on('request', (r: Request) => {
    if (r.method() === 'DELETE') deletes.push(new URL(r.url()).pathname + new URL(r.url()).search);
  });
}

async function open(): Promise<void> {
  page = await browser.newPage({ viewport: { width: 1400, height: 700 }, colorScheme: 'light' });
  watch(page);
  await page.goto(`${app.controlUrl}/#token=${app.token}`);
  await rows().first().waitFor();
}

beforeAll(async () => {
  ({ app, browser, page } = await openSession());
  await page.close();
  for (let i = 1; i <= 3; i++) await fetch(`${app.receiverUrl}/pb?click_id=undo-${i}&event=install`);
});

afterAll(async () => closeSession({ app, browser }));

describe('undo for delete and clear', () => {
  it('hides a deleted row at once, sends nothing during the undo window, and Undo puts it back', async () => {
    await open();
    await expect.poll(rowIds).toEqual([3, 2, 1]);
    await pick(2);
    await page.getByTestId('delete-exchange').click();
    expect(await rowIds()).toEqual([3, 1]);
    const toast = page.getByTestId('undo-toast');
    expect(await toast.textContent()).toContain('Deleted 1 postback');
    await page.screenshot({ path: `${shots}/undo-01-toast-light.png` });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${shots}/undo-02-toast-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });

    await page.waitForTimeout(1500);
    expect(deletes).toEqual([]);
    expect(await storedIds()).toEqual([3, 2, 1]);

    await page.getByTestId('undo-button').click();
    await toast.waitFor({ state: 'detached' });
    expect(await rowIds()).toEqual([3, 2, 1]);
    expect(await page.locator('#exchange-row-2').getAttribute('aria-selected')).toBe('true');
    // The undone delete never reaches the server, even after its window would have ended.
    await page.waitForTimeout(8500);
    expect(deletes).toEqual([]);
    expect(await storedIds()).toEqual([3, 2, 1]);
  });

  it('closing the window during the undo window keeps the data (the safe failure)', async () => {
    await pick(3);
    await page.getByTestId('delete-exchange').click();
    expect(await rowIds()).toEqual([2, 1]);
    await page.close();
    await new Promise((r) => setTimeout(r, 9000));
    expect(deletes).toEqual([]);
    expect(await storedIds()).toEqual([3, 2, 1]);
  });

  it('sends the DELETE when the toast expires', async () => {
    await open();
    await pick(3);
    await page.getByTestId('delete-exchange').click();
    await expect.poll(() => deletes.length, { timeout: 12_000, interval: 250 }).toBe(1);
    expect(deletes).toEqual(['/api/exchanges/3']);
    await page.getByTestId('undo-toast').waitFor({ state: 'detached' });
    expect(await storedIds()).toEqual([2, 1]);
    expect(await rowIds()).toEqual([2, 1]);
  });

  it('Clear asks first with "Export HAR first", can be undone, and spares what arrives during the window', async () => {
    deletes.length = 0;
    await page.getByTestId('clear-all').click();
    const confirm = page.getByTestId('clear-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('undo for 8 seconds');
    await page.screenshot({ path: `${shots}/undo-03-clear-confirm-light.png` });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${shots}/undo-04-clear-confirm-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('har-export-all').click()]);
    expect(download.suggestedFilename()).toMatch(/\.har$/);

    await page.getByTestId('confirm-clear').click();
    await expect.poll(() => rows().count()).toBe(0);
    expect(await page.getByTestId('undo-toast').textContent()).toContain('Cleared 2 postbacks');
    await page.getByTestId('undo-button').click();
    await expect.poll(rowIds).toEqual([2, 1]);

    await page.getByTestId('clear-all').click();
    await page.getByTestId('confirm-clear').click();
    await expect.poll(() => rows().count()).toBe(0);
    await fetch(`${app.receiverUrl}/pb?click_id=after-clear&event=install`);
    await expect.poll(rowIds, { timeout: 5000 }).toEqual([4]);
    await page.screenshot({ path: `${shots}/undo-05-clear-pending-light.png` });
    await expect.poll(() => deletes.length, { timeout: 12_000, interval: 250 }).toBe(1);
    expect(deletes).toEqual(['/api/exchanges?through=2']);
    await expect.poll(storedIds).toEqual([4]);
    expect(await rowIds()).toEqual([4]);
  });
});
