/**
 * The dashboard against `serve`: a partner profile and a flaky mock endpoint, 200 conversions
 * bulk-sent through the sender with retries, one stray capture with a leftover macro; then the
 * Metrics view must show the same KPIs as GET /api/metrics, in both themes, and a failure row
 * must open its exchange in the Inbox.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLatency, formatPercent } from '../../src/metrics/kpis.js';
import type { MetricsResult } from '../../src/model/metrics.js';
import { closeSession, openSession, shots } from '../helpers/e2e-session.js';
import type { ServeProcess } from '../helpers/serve-process.js';

const N = 200;
let app: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ app, browser, page } = await openSession({ viewport: { width: 1440, height: 1000 }, colorScheme: 'light' }));
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

/** Polls until `done`; on timeout fails with the last value read, so a stuck run says what it waited for. */
async function until<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 25_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last read: ${JSON.stringify(v).slice(0, 4000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('metrics dashboard against `serve`', () => {
  it('shows the delivery rate, response time percentiles and accuracy the API computes, and links failures to the Inbox', async () => {
    const profile = await api<{ id: number }>('/api/profiles', 'POST', {
      name: 'Partner X',
      params: [
        { name: 'click_id', presence: 'required' },
        { name: 'payout', presence: 'required', type: 'decimal' },
        { name: 'currency', presence: 'required', type: 'currency' },
      ],
      macroDialect: 'curly',
      correlationKeys: ['click_id'],
    });
    await api('/api/endpoints', 'POST', {
      name: 'Partner X mock',
      path: '/px',
      profileId: profile.id,
      rules: [{ id: 'flaky', failure: { mode: 'fail-percent', percent: 10, seed: 3 }, responses: [{ status: 200, headers: [], body: 'OK' }] }],
    });
    const template = await api<{ id: number }>('/api/templates', 'POST', {
      name: 'Partner X postback', method: 'GET', url: `${app.receiverUrl}/px?click_id={click_id}&event=install&payout=1.50&currency=USD&ts={ts}`,
      headers: [], bodyMode: 'none', body: '', dialect: 'curly',
    });
    const run = await api<{ bulkId: string }>('/api/bulk', 'POST', {
      templateId: template.id, count: N, concurrency: 10,
      generators: { click_id: { kind: 'sequence', prefix: 'px-' } },
      retry: { kind: 'schedule', delaysMs: [50, 50, 50] },
    });
    await until('the bulk run', () => api<{ done: boolean }>(`/api/bulk/${run.bulkId}`), (s) => s.done);
    // A stranger whose tracker left a macro in: unexpected, failing its verdict.
    await fetch(`${app.receiverUrl}/px?click_id={click_id}&payout=2&currency=USD`);
    const m = await until(
      'settled metrics',
      () => api<MetricsResult>('/api/metrics?from=-1h'),
      (r) => r.lag === 0 && r.sender.totals.n === N && r.sender.totals.pending === 0 && r.receiver.totals.verdictPending === 0 && r.receiver.totals.macroTokens > 0,
    );
    expect(m.sender.deliveryRate).toBeGreaterThan(0.99);

    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('rail-metrics').click();
    await page.getByTestId('metrics-view').waitFor();
    const value = (kpi: string) => page.getByTestId(`kpi-${kpi}-value`);
    await expect.poll(async () => (await value('deliveryRate').textContent())?.trim(), { timeout: 10_000 }).toBe(formatPercent(m.sender.deliveryRate));
    expect((await value('accuracyRate').textContent())?.trim()).toBe(formatPercent(m.receiver.accuracyRate));
    expect((await value('responseTime').textContent())?.trim()).toBe(formatLatency(m.sender.responseTime!.mean));
    for (const p of ['p50', 'p90', 'p99'] as const) expect((await page.getByTestId(`kpi-${p}`).textContent())?.trim()).toBe(formatLatency(m.sender.responseTime![p]));
    expect(await page.getByTestId('band-deliveryRate').textContent()).toContain('good');
    expect(await page.getByTestId('kpi-deliveryRate').textContent()).toContain('retries of one postback count once');
    await page.getByTestId('metrics-histogram').locator('canvas').first().waitFor();
    // Live: one more capture shows up without touching the page.
    const captured = async () => /· (\d+) captured/.exec((await page.getByTestId('side-receiver').textContent()) ?? '')?.[1];
    const before = Number(await captured());
    await fetch(`${app.receiverUrl}/px?click_id=px-late&event=install&payout=1.50&currency=USD`);
    await expect.poll(async () => Number(await captured()), { timeout: 10_000 }).toBe(before + 1);
    await page.screenshot({ path: `${shots}/metrics-01-dashboard-light.png` });
    await page.emulateMedia({ colorScheme: 'dark' });
    // A string: this file is typed for Node, the page has the DOM.
    await page.evaluate(`document.documentElement.dataset.theme = 'dark'`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${shots}/metrics-02-dashboard-dark.png` });
    await page.evaluate(`document.querySelector('.mx-scroll').scrollTop = 10000`);
    await page.waitForTimeout(100);
    await page.screenshot({ path: `${shots}/metrics-03-failures-dark.png` });

    // Reconciliation: a partner export with one conversion we never sent and one value off.
    const csv = `click_id,event,payout,currency\npx-1,install,1.50,USD\npx-2,install,9.99,USD\npx-missing,install,1.50,USD\n`;
    await page.locator('.mx-reconcile input[type=file]').setInputFiles({ name: 'partner-export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(async () => (await page.getByTestId('rec-missing').textContent())?.replace(/\s+/g, ' ').trim(), { timeout: 10_000 }).toBe('Missing 1');
    expect((await page.getByTestId('rec-mismatched').textContent())?.replace(/\s+/g, ' ').trim()).toBe('Mismatched 1');
    await page.getByTestId('rec-missing').click();
    await page.screenshot({ path: `${shots}/metrics-04-reconcile-dark.png` });

    // The exported report renders on its own (no script, no asset), in both themes.
    const html = await (await fetch(`${app.controlUrl}/api/report?from=-1h`, { headers: { Authorization: `Bearer ${app.token}` } })).text();
    const report = await browser.newPage({ viewport: { width: 1200, height: 1400 }, colorScheme: 'light' });
    await report.setContent(html);
    await report.screenshot({ path: `${shots}/metrics-05-report-light.png`, fullPage: true });
    await report.emulateMedia({ colorScheme: 'dark' });
    await report.screenshot({ path: `${shots}/metrics-06-report-dark.png` });
    await report.close();

    // The stray capture is listed; opening it selects it in the Inbox.
    const row = page.getByTestId('failure-row').filter({ hasText: 'Unreplaced macro' }).first();
    await row.waitFor();
    await row.click();
    await page.getByTestId('exchange-row').first().waitFor();
    expect(await page.locator('[data-testid="exchange-row"][aria-selected="true"]').count()).toBe(1);
  });
});
