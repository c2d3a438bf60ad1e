import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';

const shots = 'test-results/screenshots';
let app: ServeProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  app = await startServe();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.controlUrl });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A GET written byte by byte on a raw socket: fetch() would not let us choose the header order. */
function sendRaw(target: string, headers: Array<[string, string]>): Promise<string> {
  const { hostname, port } = new URL(app.receiverUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`GET ${target} HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}Connection: close\r\n\r\n`);
    });
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (data += d));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

async function controlApi<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${app.controlUrl}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json', ...init.headers },
  });
  expect(res.ok, `${path}: ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

const row = (id: number) => page.locator(`[data-testid="exchange-row"][data-exchange-id="${id}"]`);

async function newestId(): Promise<number> {
  const page1 = await controlApi<{ items: Array<{ id: number }> }>('/api/exchanges?limit=1');
  return page1.items[0]!.id;
}

describe('diff view against `serve`', () => {
  let left = 0;
  let right = 0;

  it('select two postbacks, press d: exactly the value change and the addition, header order as noise', async () => {
    const host = new URL(app.receiverUrl).host;
    // Same headers and values, in another order; one param value changed, one param added.
    const a = await sendRaw('/pb?click_id=dd-1&event=install&payout=1.50', [
      ['Host', host],
      ['User-Agent', 'qa-suite/1.0'],
      ['X-Partner', 'acme'],
      ['Accept', '*/*'],
    ]);
    expect(a).toMatch(/^HTTP\/1\.1 200/);
    left = await newestId();
    const b = await sendRaw('/pb?click_id=dd-1&event=install&payout=2.00&currency=USD', [
      ['Host', host],
      ['Accept', '*/*'],
      ['User-Agent', 'qa-suite/1.0'],
      ['X-Partner', 'acme'],
    ]);
    expect(b).toMatch(/^HTTP\/1\.1 200/);
    right = await newestId();

    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await row(right).waitFor({ timeout: 5000 });
    await row(left).click();
    await row(right).click({ modifiers: ['Shift'] });
    expect(await row(right).getAttribute('aria-selected')).toBe('true');
    expect(await row(right).getAttribute('class')).toContain('is-marked');
    await page.screenshot({ path: `${shots}/diff-01-two-selected.png` });

    await page.keyboard.press('d');
    const view = page.getByTestId('diff-view');
    await view.waitFor();
    const summary = page.getByTestId('diff-summary');
    await summary.waitFor({ timeout: 5000 });
    expect(await page.getByTestId('diff-verdict').textContent()).toBe('≠ 2 differences');
    const summaryText = (await summary.textContent()) ?? '';
    expect(summaryText).toContain('1 param changed, 1 added');
    expect(summaryText).toContain('headers identical (order differs)');
    expect(await page.getByTestId('diff-left-id').inputValue()).toBe(String(left));
    expect(await page.getByTestId('diff-right-id').inputValue()).toBe(String(right));

    // Query: exactly two counted rows, the value change and the addition.
    const counted = view.locator('[data-testid="param-diff-row"][data-counted="true"]');
    expect(await counted.count()).toBe(2);
    const payout = view.locator('[data-testid="param-diff-row"][data-name="payout"]');
    expect(await payout.getAttribute('data-kind')).toBe('changed');
    expect(await payout.locator('.d-kind').textContent()).toContain('changed');
    expect(await payout.locator('.d-left').textContent()).toContain('1.50');
    expect(await payout.locator('.d-right').textContent()).toContain('2.00');
    expect(await payout.locator('mark.d-mark-right').textContent()).toBe('2.0');
    const currency = view.locator('[data-testid="param-diff-row"][data-name="currency"]');
    expect(await currency.getAttribute('data-kind')).toBe('added');
    expect(await currency.locator('.d-kind').textContent()).toContain('added');
    expect(await currency.locator('.d-left').textContent()).toBe('absent');
    expect(await currency.locator('.d-right').textContent()).toContain('USD');
    for (const name of ['click_id', 'event']) {
      expect(await view.locator(`[data-testid="param-diff-row"][data-name="${name}"]`).getAttribute('data-kind')).toBe('unchanged');
    }

    // Headers: nothing counted; the order change is shown, marked as noise.
    expect(await view.locator('[data-testid="header-diff-row"][data-counted="true"]').count()).toBe(0);
    const order = view.locator('[data-testid="header-diff-row"][data-kind="order"]');
    expect(await order.count()).toBe(1);
    expect(await order.getAttribute('data-counted')).toBe('false');
    expect(await order.getByTestId('noise-tag').textContent()).toBe('noise');
    expect(await order.textContent()).toContain('X-Partner');
    await page.screenshot({ path: `${shots}/diff-02-side-by-side-light.png` });

    // n walks the differences: payout, currency, header order.
    await page.keyboard.press('n');
    expect(await page.getByTestId('diff-position').textContent()).toBe('1/3');
    expect(await payout.getAttribute('data-current')).toBe('true');
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    expect(await page.getByTestId('diff-position').textContent()).toBe('3/3');
    expect(await order.getAttribute('data-current')).toBe('true');
    await page.keyboard.press('p');
    expect(await currency.getAttribute('data-current')).toBe('true');

    await page.getByTestId('copy-markdown').click();
    await expect.poll(async () => page.getByTestId('copy-markdown').textContent()).toContain('Copied');
    const markdown = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(markdown).toContain('`payout`');
    expect(markdown).toContain('`currency`');

    await page.getByTestId('mode-unified').click();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(async () => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.screenshot({ path: `${shots}/diff-03-unified-dark.png` });
    await page.getByTestId('mode-split').click();
    await page.screenshot({ path: `${shots}/diff-04-side-by-side-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('counts header order when asked, ignores a param by rule and refuses a bad rule inline', async () => {
    const view = page.getByTestId('diff-view');
    await page.getByTestId('toggle-headerOrder').check();
    await expect.poll(async () => page.getByTestId('diff-verdict').textContent()).toBe('≠ 3 differences');
    expect(await view.locator('[data-testid="header-diff-row"][data-kind="order"]').getAttribute('data-counted')).toBe('true');
    await page.getByTestId('toggle-headerOrder').uncheck();

    await page.getByTestId('ignore-input').fill('payout');
    await page.keyboard.press('Enter');
    await expect.poll(async () => page.getByTestId('diff-verdict').textContent()).toBe('≠ 1 difference');
    const payout = view.locator('[data-testid="param-diff-row"][data-name="payout"]');
    expect(await payout.getAttribute('data-counted')).toBe('false');
    expect(await payout.getByTestId('noise-tag').textContent()).toBe('ignored');

    await page.getByTestId('ignore-input').fill('$.items[');
    await page.keyboard.press('Enter');
    const errors = page.getByTestId('ignore-rule-errors');
    await errors.waitFor({ timeout: 5000 });
    expect(await errors.textContent()).toContain('not a valid JSON path');
    await page.screenshot({ path: `${shots}/diff-05-ignore-rules.png` });
    await page.getByRole('button', { name: 'Stop ignoring $.items[' }).click();
    await page.getByRole('button', { name: 'Stop ignoring payout' }).click();
    await expect.poll(async () => page.getByTestId('diff-verdict').textContent()).toBe('≠ 2 differences');

    // Swap puts the newer one on the left: the addition becomes a removal.
    await page.getByTestId('diff-swap').click();
    await expect
      .poll(async () => view.locator('[data-testid="param-diff-row"][data-name="currency"]').getAttribute('data-kind'))
      .toBe('removed');
    await page.getByTestId('diff-swap').click();
  });

  it('pins a baseline with b; later captures show "matches baseline" and "1 difference"', async () => {
    const endpoint = await controlApi<{ id: number }>('/api/endpoints', {
      method: 'POST',
      body: JSON.stringify({ name: 'Acme postback', path: '/acme' }),
    });
    const host = new URL(app.receiverUrl).host;
    const headers: Array<[string, string]> = [
      ['Host', host],
      ['User-Agent', 'qa-suite/1.0'],
    ];
    await sendRaw('/acme?click_id=base-1&event=install&payout=1.50', headers);
    const golden = await newestId();

    await page.getByTestId('rail-inbox').click();
    await row(golden).click();
    const pin = page.getByTestId('pin-baseline');
    await page.getByTestId('exchange-detail').waitFor();
    await expect.poll(async () => page.getByTestId('exchange-detail').getAttribute('data-exchange-id')).toBe(String(golden));
    await page.keyboard.press('b');
    await expect.poll(async () => pin.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => page.getByTestId('baseline-panel').getAttribute('data-state')).toBe('self');
    const baselines = await controlApi<Array<{ scope: string; scopeId: number; exchangeId: number }>>('/api/baselines');
    expect(baselines).toEqual([expect.objectContaining({ scope: 'endpoint', scopeId: endpoint.id, exchangeId: golden })]);

    await sendRaw('/acme?click_id=base-1&event=install&payout=1.50', headers);
    const same = await newestId();
    await sendRaw('/acme?click_id=base-1&event=install&payout=2.50', headers);
    const other = await newestId();

    const sameBadge = row(same).getByTestId('baseline-badge');
    await expect.poll(async () => sameBadge.textContent(), { timeout: 5000 }).toBe('✓ matches baseline');
    const otherBadge = row(other).getByTestId('baseline-badge');
    await expect.poll(async () => otherBadge.textContent(), { timeout: 5000 }).toBe('≠ 1 difference');
    expect(await otherBadge.getAttribute('title')).toContain('1 param changed');
    expect(await row(golden).getByTestId('baseline-badge').count()).toBe(0);
    await page.screenshot({ path: `${shots}/diff-06-baseline-badges-light.png` });

    // The detail says which baseline, the verdict, and opens the diff.
    await row(other).click();
    const panel = page.getByTestId('baseline-panel');
    await expect.poll(async () => panel.getAttribute('data-state'), { timeout: 5000 }).toBe('diff');
    expect(await panel.textContent()).toContain(`#${golden}`);
    expect(await panel.getByTestId('baseline-verdict').textContent()).toBe('≠ 1 difference');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${shots}/diff-07-baseline-detail-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });

    await panel.getByTestId('open-baseline-diff').click();
    await page.getByTestId('diff-view').waitFor();
    await expect.poll(async () => page.getByTestId('diff-left-id').inputValue()).toBe(String(golden));
    expect(await page.getByTestId('diff-right-id').inputValue()).toBe(String(other));
    await expect.poll(async () => page.getByTestId('diff-summary').textContent()).toContain('1 param changed');
  });

  it('compares with the previous postback of the same click id from the detail', async () => {
    await page.getByTestId('rail-inbox').click();
    await row(right).click();
    const byClick = page.getByTestId('compare-previous-correlation');
    await expect.poll(async () => byClick.getAttribute('data-previous-id'), { timeout: 5000 }).toBe(String(left));
    // The first /pb capture has no endpoint: the endpoint action says why it cannot run.
    const byEndpoint = page.getByTestId('compare-previous-endpoint');
    await expect.poll(async () => byEndpoint.getAttribute('aria-disabled')).toBe('true');
    expect(await byEndpoint.getAttribute('title')).toContain('no endpoint answered this exchange');
    await page.screenshot({ path: `${shots}/diff-08-detail-actions.png` });
    await byClick.click();
    await expect.poll(async () => page.getByTestId('diff-summary').textContent()).toContain('1 param changed, 1 added');
    expect(await page.getByTestId('diff-left-id').inputValue()).toBe(String(left));
  });

  it('picks two with the keyboard (Shift+↓, d) and compares an expected request with a capture', async () => {
    await page.getByTestId('rail-inbox').click();
    await row(right).click();
    await page.keyboard.press('Shift+ArrowDown');
    // The row left behind stays picked; the selection moved on to the older one.
    expect(await row(right).getAttribute('class')).toContain('is-marked');
    expect(await row(left).getAttribute('class')).toContain('is-selected');
    await page.keyboard.press('d');
    await expect.poll(async () => page.getByTestId('diff-summary').textContent()).toContain('1 param changed, 1 added');

    // The template's expansion as the sender had it, against what the receiver captured.
    await page.getByTestId('diff-paste-expected').click();
    await page
      .getByTestId('expected-text')
      .fill(`GET http://partner.example/pb?click_id=dd-1&event=install&payout=2.00&currency=EUR HTTP/1.1\nHost: ${new URL(app.receiverUrl).host}\nAccept: */*\nUser-Agent: qa-suite/1.0\nX-Partner: acme\nConnection: close`);
    await page.getByTestId('expected-compare').click();
    await page.getByTestId('diff-expected').waitFor();
    await expect.poll(async () => page.getByTestId('diff-summary').textContent()).toContain('1 param changed, headers identical');
    const currency = page.locator('[data-testid="param-diff-row"][data-name="currency"]');
    expect(await currency.getAttribute('data-kind')).toBe('changed');
    expect(await currency.locator('.d-left').textContent()).toContain('EUR');
    expect(await page.getByTestId('diff-side-left').textContent()).toContain('expected');
    await page.screenshot({ path: `${shots}/diff-09-expected-vs-captured.png` });
  });
  it('shows JSON, text and binary bodies as their own diffs (split and unified)', async () => {
    /** POSTs a body to the receiver; the id of its capture. */
    const post = async (contentType: string, body: string | Uint8Array): Promise<number> => {
      const res = await fetch(`${app.receiverUrl}/body-diff`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
      await res.arrayBuffer();
      return newestId();
    };
    /** Picks two captures in the Inbox and opens their diff. */
    const compare = async (older: number, newer: number) => {
      await page.getByTestId('rail-inbox').click();
      await row(newer).waitFor({ timeout: 5000 });
      await row(older).click();
      await row(newer).click({ modifiers: ['Shift'] });
      await page.keyboard.press('d');
      await page.getByTestId('body-diff').waitFor({ timeout: 5000 });
      return page.getByTestId('body-diff');
    };

    const jsonLeft = await post('application/json', '{"order":{"amount":1,"currency":"EUR"}}');
    const jsonRight = await post('application/json', '{"order":{"amount":2,"currency":"EUR","coupon":"X"}}');
    let body = await compare(jsonLeft, jsonRight);
    expect(await body.getAttribute('data-kind')).toBe('json');
    await page.getByTestId('mode-split').click();
    const amount = body.locator('[data-testid="json-diff-row"][data-kind="changed"]');
    await expect.poll(() => amount.count()).toBe(1);
    expect(await amount.textContent()).toContain('amount');
    expect(await body.locator('[data-testid="json-diff-row"][data-kind="added"]').textContent()).toContain('coupon');

    const textLeft = await post('text/plain', 'line one\nline two\nline three\n');
    const textRight = await post('text/plain', 'line one\nline 2\nline three\n');
    body = await compare(textLeft, textRight);
    expect(await body.getAttribute('data-kind')).toBe('text');
    expect(await body.getByTestId('text-diff').textContent()).toContain('line 2');
    await page.getByTestId('mode-unified').click();
    await expect.poll(() => body.getByTestId('text-diff').getAttribute('class')).toContain('d-unified');
    expect(await body.getByTestId('text-diff-line').count()).toBeGreaterThanOrEqual(4);

    const binLeft = await post('application/octet-stream', new Uint8Array([0, 1, 2, 3, 255]));
    const binRight = await post('application/octet-stream', new Uint8Array([0, 1, 9, 3, 255]));
    body = await compare(binLeft, binRight);
    expect(await body.getAttribute('data-kind')).toBe('binary');
    expect(await body.getByTestId('binary-first-difference').textContent()).toContain('09');
    await page.getByTestId('mode-split').click();
  });
});
