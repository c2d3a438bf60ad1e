import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, shots, newTemplate } from '../helpers/e2e-session.js';
import type { ServeProcess } from '../helpers/serve-process.js';

let app: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ app, browser, page } = await openSession({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' }));
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

interface OutboxPage {
  items: Array<{ id: number; url: string; state: string; attempts: number; sourceExchangeId: number | null }>;
}

/** What the timeline shows, attempt by attempt: [number, status, outcome]. */
async function timeline(): Promise<Array<[string, string, string]>> {
  const rows = page.getByTestId('result').getByTestId('attempt');
  const out: Array<[string, string, string]> = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out.push([(await row.getAttribute('data-number')) ?? '', (await row.getAttribute('data-status')) ?? '', (await row.getAttribute('data-outcome')) ?? '']);
  }
  return out;
}

describe('composer and outbox against `serve`', () => {
  it('builds a Keitaro-style template, sends it to an endpoint that fails twice, and shows both retries and the delivery live', async () => {
    // A mock partner that answers 500 to the first two postbacks, then 200 OK.
    await api('/api/endpoints', {
      method: 'POST',
      body: JSON.stringify({
        name: 'Keitaro, fails twice',
        enabled: true,
        methods: [],
        path: '/kt',
        correlationKeys: [],
        rules: [
          {
            id: 'fail-twice',
            enabled: true,
            conditions: [],
            responses: [{ status: 200, headers: [['Content-Type', 'text/plain']], body: 'OK' }],
            failure: { mode: 'fail-first', count: 2 },
          },
        ],
        fallback: { status: 200, headers: [['Content-Type', 'text/plain']], body: 'OK' },
      }),
    });

    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('rail-composer').click();
    await page.getByTestId('composer-view').waitFor();
    await page.screenshot({ path: `${shots}/composer-01-first-open.png` });

    // The template: Keitaro's postback URL with `{…}` macros.
    await newTemplate(page, 'Keitaro conversion', `${app.receiverUrl}/kt?subid={subid}&status={status}&payout={payout}`);

    await page.getByTestId('tab-delivery').click();
    await page.getByTestId('template-dialect').selectOption('curly');
    // Singular's plan (retry after 1, 5, 15… minutes) at ×100: 0.6 s, then 3 s.
    await page.getByTestId('retry-singular').click();
    await page.getByTestId('time-scale').selectOption('100');
    const plan = page.getByTestId('retry-plan');
    expect(await plan.textContent()).toContain('600 ms');
    expect(await plan.textContent()).toContain('3 s');

    await page.getByTestId('tab-values').click();
    await expect.poll(async () => page.getByTestId('value-row').count()).toBe(3);
    await page.getByTestId('value-subid').fill('kt-sub-100');
    await page.getByTestId('value-status').fill('sale');
    await page.getByTestId('value-payout').fill('2.5');

    // The live preview: fully expanded, every value marked where it sits.
    const url = page.getByTestId('preview-url');
    await expect.poll(async () => url.textContent(), { timeout: 5000 }).toContain(`${app.receiverUrl}/kt?subid=kt-sub-100&status=sale&payout=2.5`);
    await expect.poll(async () => page.getByTestId('preview-status').textContent()).toContain('Ready to send');
    expect(await url.getByTestId('mx-ok').count()).toBe(3);
    await page.getByTestId('template-save').click();
    await page.getByTestId('template-saved').waitFor({ timeout: 5000 });
    await page.screenshot({ path: `${shots}/composer-02-template-preview.png` });

    await page.getByTestId('send').click();
    const result = page.getByTestId('result');
    await result.waitFor({ timeout: 5000 });
    // First attempt: 500, and the next one is scheduled.
    await expect.poll(timeline, { timeout: 5000 }).toContainEqual(['1', '500', 'retry']);
    await page.screenshot({ path: `${shots}/composer-03-first-retry.png` });
    await expect.poll(timeline, { timeout: 10_000 }).toEqual([
      ['1', '500', 'retry'],
      ['2', '500', 'retry'],
      ['3', '200', 'delivered'],
    ]);
    await expect.poll(async () => result.getByTestId('send-summary').getAttribute('data-state')).toBe('delivered');
    expect(await result.getByTestId('attempt-next').count()).toBe(0);
    expect(await result.getByTestId('attempt-body').last().textContent()).toBe('OK');
    await page.screenshot({ path: `${shots}/composer-04-delivered-after-two-retries.png` });

    // The outbox agrees, and the partner received the same postback three times.
    const outbox = await api<OutboxPage>('/api/outbox');
    expect(outbox.items[0]).toMatchObject({ state: 'delivered', attempts: 3, url: `${app.receiverUrl}/kt?subid=kt-sub-100&status=sale&payout=2.5` });
  });

  it('refuses a template with an unknown macro and names it; the fix is one click away, and "Send anyway" sends it as is', async () => {
    const before = (await api<OutboxPage>('/api/outbox')).items.length;
    await newTemplate(page, 'Typo in a macro', `${app.receiverUrl}/kt?subid={subid}&tid={transaction_id}`);
    await page.getByTestId('tab-values').click();
    await page.getByTestId('value-subid').fill('typo-1');
    // Preview first, so the refusal comes from the server's send, not from a stale preview.
    await expect.poll(async () => page.getByTestId('preview-url').textContent(), { timeout: 5000 }).toContain('subid=typo-1');

    await page.getByTestId('send').click();
    const refused = page.getByTestId('send-refused');
    await refused.waitFor({ timeout: 5000 });
    expect(await refused.textContent()).toContain('unknown macro {transaction_id}');
    const marked = page.getByTestId('preview-url').getByTestId('mx-unknown');
    expect(await marked.getAttribute('data-token')).toBe('{transaction_id}');
    expect(await page.getByTestId('preview-problems').textContent()).toContain('Unknown macro {transaction_id}');
    expect((await api<OutboxPage>('/api/outbox')).items.length).toBe(before);
    await page.screenshot({ path: `${shots}/composer-05-refused-unknown-macro.png` });

    // "Give it a value" jumps to the input of that macro.
    await page.getByTestId('preview-problems').getByTestId('fix-set-value').click();
    await expect.poll(async () => page.locator(':focus').getAttribute('data-testid')).toBe('value-transactionid');

    await page.getByTestId('send-anyway').click();
    await page.getByTestId('result').waitFor({ timeout: 5000 });
    await expect.poll(async () => page.getByTestId('result').getByTestId('send-url').textContent()).toContain('tid={transaction_id}');
    expect((await api<OutboxPage>('/api/outbox')).items.length).toBe(before + 1);
  });

  it('lists the sends in the Outbox with their attempts; a captured postback replays from its header (r) and opens the result', async () => {
    await page.getByTestId('rail-outbox').click();
    await page.getByTestId('outbox-view').waitFor();
    await expect.poll(async () => page.getByTestId('outbox-row').count(), { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    await page.getByTestId('outbox-filter-delivered').click();
    const delivered = page.getByTestId('outbox-row').filter({ hasText: 'kt-sub-100' }).first();
    await delivered.waitFor({ timeout: 5000 });
    await delivered.getByRole('button').first().click();
    const detail = page.getByTestId('outbox-detail');
    await expect.poll(async () => detail.getByTestId('attempt').count(), { timeout: 5000 }).toBe(3);
    await page.screenshot({ path: `${shots}/composer-06-outbox-detail.png` });
    await page.getByTestId('outbox-filter-all').click();

    // Replay a postback the receiver captured, byte-exact, to the receiver.
    await page.getByTestId('rail-inbox').click();
    // Newest first: the last of the three captures (the send itself is listed too, as the oldest).
    const captured = page.getByTestId('exchange-row').filter({ hasText: 'kt-sub-100' }).first();
    await captured.waitFor({ timeout: 5000 });
    await captured.click();
    await page.getByTestId('exchange-detail').waitFor();
    await page.keyboard.press('r');
    const dialog = page.getByTestId('replay-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('replay-url').inputValue()).toBe(app.receiverUrl);
    await page.screenshot({ path: `${shots}/composer-07-replay-prompt.png` });
    await page.getByTestId('replay-url').press('Enter');

    await page.getByTestId('outbox-detail').waitFor({ timeout: 5000 });
    await expect.poll(async () => page.getByTestId('outbox-detail').getByTestId('replay-source').count()).toBe(1);
    await expect.poll(async () => page.getByTestId('outbox-detail').getByTestId('attempt').count(), { timeout: 5000 }).toBe(1);
    const replays = (await api<OutboxPage>('/api/outbox')).items.filter((i) => i.sourceExchangeId !== null);
    expect(replays).toHaveLength(1);
    await page.screenshot({ path: `${shots}/composer-08-replay-result.png` });
  });

  it('imports a cURL command as a template and runs a bulk of conversions with generated values to a summary', async () => {
    await page.getByTestId('rail-composer').click();
    await page.getByTestId('import-curl').click();
    await page.getByTestId('curl-command').fill(`curl -X POST '${app.receiverUrl}/kt' -H 'Content-Type: application/x-www-form-urlencoded' --data 'subid={subid}&payout={payout}&event=purchase'`);
    await page.getByTestId('curl-import-run').click();
    await expect.poll(async () => page.getByTestId('template-method').inputValue()).toBe('POST');
    expect(await page.getByTestId('template-body').inputValue()).toBe('subid={subid}&payout={payout}&event=purchase');

    await page.getByTestId('tab-bulk').click();
    await page.getByTestId('bulk-tab').getByLabel('Number of conversions').fill('40');
    await page.getByTestId('generator-subid').selectOption('sequence');
    await page.getByTestId('generator-payout').selectOption('random-number');
    await page.getByTestId('bulk-start').click();
    const summary = page.getByTestId('bulk-summary');
    await summary.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('bulk-delivery-rate').textContent()).toBe('100%');
    expect(await summary.textContent()).toContain('p50 / p90 / p99');
    await page.screenshot({ path: `${shots}/composer-09-bulk-summary.png` });
  });

  it('looks right in the dark theme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(async () => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByTestId('template-select').selectOption({ label: 'Keitaro conversion' });
    await page.getByTestId('tab-result').click();
    await page.getByTestId('result').waitFor({ timeout: 5000 });
    await page.screenshot({ path: `${shots}/composer-10-result-dark.png` });
    await page.getByTestId('tab-preview').click();
    await page.getByTestId('tab-values').click();
    await page.getByTestId('value-status').fill('');
    await expect.poll(async () => page.getByTestId('preview-status').textContent(), { timeout: 5000 }).toContain('problem');
    await page.screenshot({ path: `${shots}/composer-11-empty-value-dark.png` });
    await page.getByTestId('rail-outbox').click();
    await page.getByTestId('outbox-row').first().getByRole('button').first().click();
    await page.getByTestId('outbox-detail').waitFor();
    await page.screenshot({ path: `${shots}/composer-12-outbox-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  // Issue #12's done-when: "the Composer refuses `[click_id]` under the curly dialect and takes the
  // dialect from the selected profile".
  it('refuses [click_id] under the curly dialect, and takes the dialect from the selected profile', async () => {
    const profile = await api<{ id: number }>('/api/profiles', {
      method: 'POST',
      body: JSON.stringify({ name: 'Square partner', params: [], macroDialect: 'square', correlationKeys: [] }),
    });
    const before = (await api<OutboxPage>('/api/outbox')).items.length;
    await page.getByTestId('rail-composer').click();
    await page.getByTestId('composer-view').waitFor();
    await newTemplate(page, 'Square partner conversion', `${app.receiverUrl}/kt?click_id=[click_id]`);
    await page.getByTestId('tab-delivery').click();
    expect(await page.getByTestId('template-dialect').inputValue()).toBe('curly');

    // Not "Ready to send": the literal token would reach the partner.
    const status = page.getByTestId('preview-status');
    await expect.poll(async () => status.textContent(), { timeout: 5000 }).toContain('the send will be refused');
    expect(await page.getByTestId('preview-problems').textContent()).toContain('Unreplaced macro [click_id] in the URL');
    expect(await page.getByTestId('preview-url').getByTestId('mx-leftover').textContent()).toBe('[click_id]');
    await page.getByTestId('send').click();
    const refused = page.getByTestId('send-refused');
    await refused.waitFor({ timeout: 5000 });
    expect(await refused.textContent()).toContain('unreplaced macro [click_id]');
    expect((await api<OutboxPage>('/api/outbox')).items.length).toBe(before);
    await page.screenshot({ path: `${shots}/composer-13-refused-square-token-under-curly.png` });

    // The partner's profile writes its macros as [x]: choosing it gives the template that dialect.
    await page.getByTestId('template-profile').selectOption(String(profile.id));
    await expect.poll(async () => page.getByTestId('template-dialect').inputValue()).toBe('square');
    expect(await page.getByTestId('dialect-from-profile').textContent()).toContain('Square partner');
    await page.getByTestId('tab-values').click();
    await page.getByTestId('value-clickid').fill('sq-1');
    await expect.poll(async () => page.getByTestId('preview-url').textContent(), { timeout: 5000 }).toContain('/kt?click_id=sq-1');
    await expect.poll(async () => status.textContent(), { timeout: 5000 }).toContain('Ready to send');
    await page.screenshot({ path: `${shots}/composer-14-dialect-from-profile.png` });
  });
});
