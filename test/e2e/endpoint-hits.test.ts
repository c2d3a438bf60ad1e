/**
 * Issue 13 item 8 through the UI: with no rules, the Rules tab points at the Fallback tab's
 * failure injection; fail-first 2 set there answers 500, 500, 200; the list shows the endpoint's
 * hit count, which "Reset counters" restarts.
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

const fire = async (query: string): Promise<number> => (await fetch(`${app.receiverUrl}/retry?${query}`)).status;

describe('fallback failure and hit counts in the Endpoints view', () => {
  it('sets fail-first on the fallback, shows hits per endpoint and resets them', async () => {
    const res = await fetch(`${app.controlUrl}/api/endpoints`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Retry test', path: '/retry' }),
    });
    expect(res.status).toBe(201);

    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('rail-endpoints').click();
    await page.getByTestId('endpoint-select').first().click();
    const editor = page.getByTestId('endpoint-editor');
    await editor.getByTestId('tab-rules').click();
    expect(await editor.getByTestId('fallback-failure-hint').textContent()).toContain('Fallback tab');

    await editor.getByTestId('tab-fallback').click();
    const failure = editor.getByTestId('fallback-failure');
    await failure.getByTestId('failure-mode').selectOption('fail-first');
    await failure.getByTestId('failure-count').fill('2');
    await page.screenshot({ path: `${shots}/endpoint-hits-01-fallback-failure.png` });
    await page.keyboard.press('Control+s');
    await editor.getByTestId('saved-note').waitFor({ timeout: 5000 });

    expect([await fire('n=1'), await fire('n=2'), await fire('n=3')]).toEqual([500, 500, 200]);
    const hits = page.getByTestId('endpoint-row').first().getByTestId('endpoint-hits');
    await expect.poll(async () => hits.textContent(), { timeout: 6000 }).toBe('3 hits');
    expect(await hits.getAttribute('title')).toContain('3 stored in all');
    await page.screenshot({ path: `${shots}/endpoint-hits-02-list-count.png` });

    await page.getByTestId('endpoint-reset').click();
    await page.getByTestId('endpoint-action-note').waitFor();
    await expect.poll(async () => hits.textContent(), { timeout: 6000 }).toBe('0 hits');
    // The reset restarted fail-first too: the next request fails again, and counts.
    expect(await fire('n=4')).toBe(500);
    await expect.poll(async () => hits.textContent(), { timeout: 6000 }).toBe('1 hit');
    expect(await hits.getAttribute('title')).toContain('4 stored in all');
    await page.screenshot({ path: `${shots}/endpoint-hits-03-after-reset.png` });
  });
});
