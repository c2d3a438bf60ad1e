/**
 * Layout at a narrow window (issue 13, item 10): the Raw tab wraps a long request line instead of
 * running it off screen (with a switch back to one-row-per-line), every detail tab incl. "Raw"
 * stays reachable, and the receiver latency histogram's axis labels do not overlap.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, shots } from '../helpers/e2e-session.js';
import type { ServeProcess } from '../helpers/serve-process.js';

let app: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ app, browser, page } = await openSession({ viewport: { width: 960, height: 760 }, colorScheme: 'light' }));
});

afterAll(async () => closeSession({ app, browser }));

async function api<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
  const res = await fetch(`${app.controlUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${app.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** `ts` is the conversion time the receiver's response time counts from: spread, so the histogram has many bars. */
const longQuery = (i: number): string =>
  `click_id=lay-${i}&ts=${Math.floor(Date.now() / 1000) - ((i * 37) % 3000)}&event=purchase&payout=1.50&currency=USD&campaign=${'summer-sale-campaign-'.repeat(6)}${i}&sig=${'ab12'.repeat(16)}`;

describe('layout at a narrow window', () => {
  it('wraps Raw lines, keeps the Raw tab reachable, and spaces the histogram labels', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => fetch(`${app.receiverUrl}/lay?${longQuery(i)}`)));

    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    const row = page.getByTestId('exchange-row').first();
    await row.waitFor();
    await row.click();
    const rawTab = page.getByTestId('tab-raw');
    await rawTab.click();
    // The tab strip scrolls the selected tab into view rather than clipping it.
    const strip = page.locator('.tabs[role="tablist"]').first();
    const [tabBox, stripBox] = [await rawTab.boundingBox(), await strip.boundingBox()];
    expect(tabBox && stripBox && tabBox.x + tabBox.width <= stripBox.x + stripBox.width + 1).toBe(true);

    const raw = page.getByTestId('raw-message');
    await raw.locator('.code-line').first().waitFor();
    // Wrapped: nothing to scroll sideways, and the request line takes more than one row.
    const overflow = async () => raw.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(1);
    const firstLine = raw.locator('.code-line').first();
    expect((await firstLine.boundingBox())!.height).toBeGreaterThan(30);
    await page.screenshot({ path: `${shots}/layout-01-raw-wrapped.png` });

    await page.getByTestId('raw-wrap').uncheck();
    await expect.poll(overflow).toBeGreaterThan(100);
    await page.screenshot({ path: `${shots}/layout-02-raw-unwrapped.png` });
    await page.getByTestId('raw-wrap').check();

    await page.getByTestId('rail-metrics').click();
    const histogram = page.getByTestId('metrics-histogram').last();
    await histogram.locator('canvas').first().waitFor({ timeout: 15_000 });
    await histogram.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await histogram.screenshot({ path: `${shots}/layout-03-histogram.png` });
    await page.screenshot({ path: `${shots}/layout-04-metrics.png` });
  });
});
