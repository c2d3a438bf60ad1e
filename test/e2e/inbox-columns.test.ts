import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, shots } from '../helpers/e2e-session.js';
import type { ServeProcess } from '../helpers/serve-process.js';

let app: ServeProcess;
let browser: Browser;
let page: Page;

async function api<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
  const res = await fetch(`${app.controlUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.ok).toBe(true);
  return (await res.json()) as T;
}

const headWidth = (column: string) =>
  page.locator(`[data-testid="list-head"] [data-column="${column}"]`).evaluate((el) => el.getBoundingClientRect().width);
const headColumns = () => page.locator('[data-testid="list-head"] [data-column]').evaluateAll((els) => els.map((el) => el.getAttribute('data-column')));

beforeAll(async () => {
  ({ app, browser, page } = await openSession({ viewport: { width: 1400, height: 700 }, colorScheme: 'light' }));
  await api('/api/endpoints', 'POST', { name: 'Acme postback', path: '/acme' });
  await fetch(`${app.receiverUrl}/acme?click_id=abc-1&event=install&payout=1.50&currency=USD`);
  await fetch(`${app.receiverUrl}/postback/very/long/path?click_id=4c6f2b0e-1c9d-4b5e-a0a2-4f1f6f3c2a11&transaction_id=tx-998877&event=purchase`);
  await fetch(`${app.receiverUrl}/pb?click_id=abc-2&event=purchase&payout=2.50`);
  // A replay makes a sent row (out) and, since it targets our own receiver, a received twin (in).
  await api('/api/exchanges/1/replay', 'POST', {});
});

afterAll(async () => closeSession({ app, browser }));

describe('Inbox columns in Chromium', () => {
  it('shows ids, tells sent from received, and keeps param names whole at the default split', async () => {
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    const rows = page.getByTestId('exchange-row');
    await expect.poll(() => rows.count(), { timeout: 5000 }).toBe(5);

    for (const row of await rows.all()) {
      expect(await row.getByTestId('row-id').textContent()).toBe(await row.getAttribute('data-exchange-id'));
    }
    const sent = page.locator('[data-testid="exchange-row"][data-direction="out"]');
    expect(await sent.count()).toBe(1);
    expect(await sent.getByTestId('row-direction').textContent()).toBe('↑');
    expect(await sent.getByTestId('row-direction').getAttribute('title')).toMatch(/^Sent/);
    expect(await page.locator('[data-testid="exchange-row"][data-direction="in"] [data-testid="row-direction"]').first().textContent()).toBe('↓');

    // Every chip shown has its whole name (the bug: "abc", "0" without a name); values may truncate, names never.
    const names = await page.locator('.param-chips .chip-name').evaluateAll((els) =>
      els.filter((el) => el.getBoundingClientRect().top < (el.closest('.param-chips')!.getBoundingClientRect().bottom)).map((el) => ({ text: el.textContent, cut: el.scrollWidth > el.clientWidth + 1, width: el.getBoundingClientRect().width })),
    );
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const n of names) expect(n.cut, `${n.text} is cut`).toBe(false);
    // Two named chips fit side by side on an ordinary row at the default split.
    const pbRow = rows.filter({ hasText: '/pb' });
    const visibleChips = await pbRow.locator('.chip').evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().top < el.parentElement!.getBoundingClientRect().bottom).map((el) => el.textContent));
    expect(visibleChips).toEqual(['click_idabc-2', 'eventpurchase']);
    await page.screenshot({ path: `${shots}/columns-01-default-light.png` });
  });

  it('hides and shows columns from the chooser and switches time to the clock', async () => {
    expect(await headColumns()).toEqual(['time', 'id', 'direction', 'method', 'path', 'params', 'status', 'verdict']);
    await page.getByTestId('column-chooser-open').click();
    await page.getByTestId('column-chooser').waitFor();
    await page.getByTestId('column-toggle-method').uncheck();
    await page.getByTestId('column-toggle-size').check();
    await page.getByTestId('column-toggle-duration').check();
    await page.getByTestId('time-mode-absolute').check();
    await page.screenshot({ path: `${shots}/columns-02-chooser-light.png` });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${shots}/columns-03-chooser-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await page.getByTestId('column-chooser').waitFor({ state: 'detached' });

    expect(await headColumns()).toEqual(['time', 'id', 'direction', 'path', 'params', 'status', 'size', 'duration', 'verdict']);
    const first = page.getByTestId('exchange-row').first();
    expect(await first.locator('.cell-method').count()).toBe(0);
    expect(await first.locator('.cell-duration').textContent()).toMatch(/ms$/);
    expect(await first.locator('.cell-time').textContent()).toMatch(/^\d\d:\d\d:\d\d$/);
    // The header's time label switches back in one click.
    await page.getByTestId('time-mode-toggle').click();
    expect(await first.locator('.cell-time').textContent()).not.toMatch(/:/);
    await page.getByTestId('time-mode-toggle').click();
  });

  it('resizes a column by dragging its header edge, keeps the width across a reload, and resets on double-click', async () => {
    const before = await headWidth('path');
    const handle = page.getByTestId('col-resize-path');
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 40, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + 80, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    const after = await headWidth('path');
    expect(after).toBeGreaterThan(before + 70);
    expect(after).toBeLessThan(before + 90);
    // Rows follow the header: the path cell is as wide as its header.
    const cell = await page.getByTestId('exchange-row').first().locator('.cell-path').evaluate((el) => el.getBoundingClientRect().width);
    expect(Math.abs(cell - after)).toBeLessThan(1);
    // And the fixed columns do not steal the detail pane: the list is still one width.
    await page.screenshot({ path: `${shots}/columns-04-resized-light.png` });

    const stored = JSON.parse((await page.evaluate<string | null>("localStorage.getItem('postback-inspector.columns')"))!) as { state: { widths: Record<string, number>; hidden: string[]; timeMode: string } };
    expect(stored.state.widths['path']).toBe(Math.round(after));
    await page.reload();
    await page.getByTestId('exchange-row').first().waitFor();
    expect(Math.round(await headWidth('path'))).toBe(Math.round(after));
    expect(await headColumns()).toEqual(['time', 'id', 'direction', 'path', 'params', 'status', 'size', 'duration', 'verdict']);
    expect(await page.getByTestId('exchange-row').first().locator('.cell-time').textContent()).toMatch(/^\d\d:\d\d:\d\d$/);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${shots}/columns-05-resized-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });

    // The keyboard nudges the focused handle.
    await handle.focus();
    await page.keyboard.press('ArrowLeft');
    expect(Math.round(await headWidth('path'))).toBe(Math.round(after) - 8);

    await handle.dblclick();
    expect(Math.round(await headWidth('path'))).toBe(Math.round(before));
  });
});
