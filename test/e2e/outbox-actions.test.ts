import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, shots } from '../helpers/e2e-session.js';
import type { ServeProcess } from '../helpers/serve-process.js';

/**
 * Issue #13's Outbox items against `serve`: a bulk run grouped under a header with its counts
 * (attempts and retries included), search by URL text, Retry all failed, Clear finished.
 */
let app: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ app, browser, page } = await openSession({ viewport: { width: 1400, height: 1000 }, colorScheme: 'light' }));
});

afterAll(async () => closeSession({ app, browser }));

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${app.controlUrl}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json', ...init.headers },
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const template = (url: string) => ({ name: 'e2e', method: 'GET', url, headers: [], bodyMode: 'none', body: '', dialect: 'curly' });

describe('outbox actions against `serve`', () => {
  it('groups a bulk run with its counts, searches by URL, retries all failed and clears finished sends', async () => {
    // A partner that fails its first three postbacks, then answers 200.
    await api('/api/endpoints', {
      method: 'POST',
      body: JSON.stringify({
        name: 'Flaky partner',
        enabled: true,
        methods: [],
        path: '/flaky',
        correlationKeys: [],
        rules: [{ id: 'fail-three', enabled: true, conditions: [], responses: [{ status: 200, headers: [], body: 'OK' }], failure: { mode: 'fail-first', count: 3 } }],
        fallback: { status: 200, headers: [], body: 'OK' },
      }),
    });
    // One at a time, no retries: conversions 1–3 fail, 4–5 are delivered.
    const run = await api<{ bulkId: string }>('/api/bulk', {
      method: 'POST',
      body: JSON.stringify({ template: template(`${app.receiverUrl}/flaky?click_id={n}`), count: 5, concurrency: 1, generators: { n: { kind: 'sequence', prefix: 'bulk-' } } }),
    });
    await expect.poll(async () => (await api<{ done: boolean }>(`/api/bulk/${run.bulkId}`)).done, { timeout: 10_000 }).toBe(true);
    for (const id of ['find-me-42', 'other-7']) await api('/api/send', { method: 'POST', body: JSON.stringify({ template: template(`${app.receiverUrl}/single?click_id=${id}`) }) });

    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('rail-outbox').click();
    await page.getByTestId('outbox-view').waitFor();

    // The run is one folded line with its counts; the two single sends are rows of their own.
    const group = page.getByTestId('outbox-group');
    await group.waitFor({ timeout: 5000 });
    expect(await group.getAttribute('data-bulk-id')).toBe(run.bulkId);
    const counts = group.getByTestId('outbox-group-counts');
    await expect.poll(async () => counts.textContent()).toBe('5 sends · ✓ 2 · ✕ 3 · 5 attempts · 0 retried');
    expect(await page.getByTestId('outbox-row').count()).toBe(2);
    await group.getByTestId('outbox-group-toggle').click();
    expect(await group.getByTestId('outbox-group-toggle').getAttribute('aria-expanded')).toBe('true');
    await expect.poll(async () => group.getByTestId('outbox-row').count()).toBe(5);
    await page.screenshot({ path: `${shots}/outbox-01-bulk-group.png` });

    // Search asks the server: only the send whose URL has the text, any case.
    await page.getByTestId('outbox-search').fill('FIND-ME');
    await expect.poll(async () => page.getByTestId('outbox-row').count()).toBe(1);
    expect(await page.getByTestId('outbox-row').textContent()).toContain('click_id=find-me-42');
    expect(await page.getByTestId('outbox-group').count()).toBe(0);
    await page.getByTestId('outbox-search').fill('no-such-send');
    await page.getByTestId('outbox-empty').waitFor();
    expect(await page.getByTestId('outbox-empty').textContent()).toContain('no-such-send');
    await page.getByTestId('outbox-search').fill('');
    await group.waitFor();

    // Retry all failed: the three failed postbacks go again and are delivered (the partner recovered).
    await page.getByTestId('outbox-retry-failed').click();
    await expect.poll(async () => page.getByTestId('outbox-notice').textContent()).toBe('3 failed sends queued again.');
    await expect.poll(async () => counts.textContent(), { timeout: 10_000 }).toBe('5 sends · ✓ 5 · ✕ 0 · 8 attempts · 3 retried');
    await expect.poll(async () => group.locator('[data-testid="outbox-row"][data-state="delivered"]').count(), { timeout: 5000 }).toBe(5);
    await page.screenshot({ path: `${shots}/outbox-02-retried-all.png` });

    // A sent request's detail says where it went and when it was sent, not "Received … From".
    await page.getByTestId('outbox-row').filter({ hasText: 'find-me-42' }).getByRole('button').first().click();
    await page.getByTestId('outbox-detail').getByRole('button', { name: 'Request in Inbox' }).click();
    await page.getByTestId('exchange-detail').waitFor();
    const port = new URL(app.receiverUrl).port;
    await expect.poll(async () => page.getByTestId('detail-at').textContent()).toMatch(/^Sent /);
    expect(await page.getByTestId('detail-peer').textContent()).toBe(`to 127.0.0.1:${port}`);
    expect(await page.getByTestId('overview-peer').textContent()).toBe(`127.0.0.1:${port}`);
    expect(await page.getByTestId('exchange-detail').textContent()).not.toContain('Received');
    await page.screenshot({ path: `${shots}/outbox-03-sent-detail.png` });
    await page.getByTestId('rail-outbox').click();
    await group.waitFor();

    // Clear finished, after a confirmation: every send here is finished, so the Outbox empties,
    // and the Inbox loses the sent requests but keeps what the receiver captured.
    const capturedBefore = (await api<{ items: unknown[] }>('/api/exchanges?direction=in&limit=100')).items.length;
    await page.getByTestId('outbox-clear-finished').click();
    await page.getByTestId('outbox-clear-confirm').click();
    await expect.poll(async () => page.getByTestId('outbox-notice').textContent()).toBe('Cleared 7 finished sends.');
    await page.getByTestId('outbox-empty').waitFor();
    expect((await api<{ items: unknown[] }>('/api/outbox')).items).toEqual([]);
    expect((await api<{ items: unknown[] }>('/api/exchanges?direction=out&limit=100')).items).toEqual([]);
    expect((await api<{ items: unknown[] }>('/api/exchanges?direction=in&limit=100')).items.length).toBe(capturedBefore);
    await page.getByTestId('rail-inbox').click();
    await expect.poll(async () => page.locator('[data-testid="exchange-row"][data-direction="out"]').count(), { timeout: 5000 }).toBe(0);
    expect(await page.locator('[data-testid="exchange-row"][data-direction="in"]').count()).toBeGreaterThan(0);
  });
});
