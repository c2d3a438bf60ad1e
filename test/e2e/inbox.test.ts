import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, shots } from '../helpers/e2e-session.js';
import type { ServeProcess } from '../helpers/serve-process.js';

let app: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ app, browser, page } = await openSession({ viewport: { width: 1400, height: 860 } }));
});

afterAll(async () => closeSession({ app, browser }));

describe('inbox in headless Chromium against `serve`', () => {
  it('shows the empty state with the receiver URL, then a postback arriving live', async () => {
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    const empty = page.getByTestId('empty-state');
    await empty.waitFor();
    expect(await empty.textContent()).toContain(app.receiverUrl);
    // The token leaves the address bar once read.
    expect(page.url()).not.toContain(app.token);
    await page.screenshot({ path: `${shots}/01-empty-state.png` });

    const res = await fetch(`${app.receiverUrl}/postback?click_id=e2e-777&event=purchase&payout=1.25&currency=USD&dup=a&dup=b&sig=x+y%20z`);
    expect(res.status).toBe(200);
    const row = page.getByTestId('exchange-row').first();
    await row.waitFor({ timeout: 5000 });
    expect(await row.textContent()).toContain('e2e-777');
    await page.screenshot({ path: `${shots}/02-live-row.png` });
  });

  it('opens the postback and shows its params decoded, raw and flagged', async () => {
    await page.getByTestId('exchange-row').first().click();
    const detail = page.getByTestId('exchange-detail');
    await detail.waitFor();
    const params = detail.getByTestId('param-row');
    await params.first().waitFor();
    const texts = await params.allTextContents();
    expect(texts.length).toBe(7);
    expect(texts.find((t) => t.includes('click_id'))).toContain('e2e-777');
    expect(texts.filter((t) => t.includes('dup'))).toHaveLength(2);
    const sig = texts.find((t) => t.startsWith('sig') || t.includes('sig'))!;
    expect(sig).toContain('x y z');
    expect(sig).toContain('x+y%20z');
    await page.screenshot({ path: `${shots}/03-detail-overview.png` });
  });

  it('filters by free text and survives a gzip JSON postback', async () => {
    const json = JSON.stringify({ click_id: 'json-e2e', amount: 12345678901234567890 }).replace('1.2345678901234567e+19', '12345678901234567890');
    const gz = gzipSync(json);
    await fetch(`${app.receiverUrl}/json`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, body: gz });
    await expect.poll(async () => page.getByTestId('exchange-row').count(), { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Escape');
    await page.getByTestId('filter-text').fill('e2e-777');
    await page.keyboard.press('Enter');
    await expect.poll(async () => page.getByTestId('exchange-row').count(), { timeout: 5000 }).toBe(1);
    await page.screenshot({ path: `${shots}/04-filtered.png` });
  });

  it('shows the verdict the pipeline pushed with the row: same in the list, the API and the detail, asked for nowhere else', async () => {
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/verdicts')) asked.push(request.url());
    });
    await page.getByTestId('filter-text').fill('');
    await page.keyboard.press('Enter');
    const res = await fetch(`${app.receiverUrl}/postback?click_id={click_id}&event=install&verdict-e2e=1`);
    expect(res.status).toBe(200);
    const auth = { headers: { Authorization: `Bearer ${app.token}` } };
    const newest = (await (await fetch(`${app.controlUrl}/api/exchanges/wait?param.verdict-e2e=1&timeout=5000`, auth)).json()) as { id: number };
    const row = page.locator(`#exchange-row-${newest.id}`);
    await row.waitFor({ timeout: 5000 });
    const badge = row.getByTestId('verdict-badge');
    await expect.poll(async () => badge.getAttribute('data-verdict'), { timeout: 5000 }).not.toBe('pending');
    const shown = await badge.getAttribute('data-verdict');
    const listed = (await (await fetch(`${app.controlUrl}/api/exchanges?limit=1`, auth)).json()) as { items: Array<{ id: number; verdict: { status: string } | null }> };
    expect(listed.items[0]).toMatchObject({ id: newest.id, verdict: { status: shown } });
    const detail = (await (await fetch(`${app.controlUrl}/api/exchanges/${newest.id}/verdict`, auth)).json()) as { status: string };
    expect(detail.status).toBe(shown);
    // The unreplaced macro is a failure of the always-on checks.
    expect(shown).not.toBe('pass');
    expect(asked.filter((url) => new RegExp(`[=,]${newest.id}(,|$)`).test(decodeURIComponent(url)))).toEqual([]);
    await page.screenshot({ path: `${shots}/05-verdict-from-stream.png` });
  });
});
