/**
 * Hit counts in the Endpoints view are pushed on the event stream, not polled: a capture shows
 * in its endpoint's count well within 1.5 s, and while nothing happens no request for the
 * counts is made at all.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, shots } from '../helpers/e2e-session.js';
import type { ServeProcess } from '../helpers/serve-process.js';

let app: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ app, browser, page } = await openSession({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' }));
});

afterAll(async () => closeSession({ app, browser }));

async function createEndpoint(name: string, path: string): Promise<number> {
  const res = await fetch(`${app.controlUrl}/api/endpoints`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, path }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: number }).id;
}

const fire = async (path: string): Promise<number> => (await fetch(`${app.receiverUrl}${path}`)).status;
const hitsText = (id: number) => page.locator(`[data-testid="endpoint-row"][data-endpoint-id="${id}"] [data-testid="endpoint-hits"]`);

describe('live hit counts in the Endpoints view', () => {
  it('updates a count from the event stream within 1.5 s and asks for counts on no timer', async () => {
    const install = await createEndpoint('Install postback', '/live-install');
    const purchase = await createEndpoint('Purchase postback', '/live-purchase');
    await fire('/live-install?click_id=a');
    await fire('/live-install?click_id=b');

    const hitsRequests: number[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/endpoints/hits') hitsRequests.push(Date.now());
    });
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await expect.poll(() => page.getByTestId('stream-state').textContent()).toBe('live');
    await page.getByTestId('rail-endpoints').click();
    await expect.poll(() => hitsText(install).textContent(), { timeout: 5000 }).toBe('2 hits');
    expect(await hitsText(purchase).textContent()).toBe('0 hits');

    // Idle for 3 s: the old view asked every 2 s; now nothing is asked.
    const idleFrom = Date.now();
    await page.waitForTimeout(3000);
    expect(hitsRequests.filter((at) => at >= idleFrom)).toEqual([]);

    const sent = Date.now();
    expect(await fire('/live-purchase?click_id=c')).toBe(200);
    await hitsText(purchase).filter({ hasText: /^1 hit$/ }).waitFor({ timeout: 1500 });
    expect(Date.now() - sent).toBeLessThan(1500);
    // Pushed, not fetched: the count came on the stream, and the other endpoint kept its own.
    expect(hitsRequests.filter((at) => at >= idleFrom)).toEqual([]);
    expect(await hitsText(install).textContent()).toBe('2 hits');
    expect(await hitsText(purchase).getAttribute('title')).toContain('1 stored in all');
    await page.screenshot({ path: `${shots}/endpoint-hits-live.png` });
  });
});
