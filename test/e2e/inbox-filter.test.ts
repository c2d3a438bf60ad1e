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

const rows = () => page.getByTestId('exchange-row');

async function typeFilter(text: string): Promise<void> {
  const box = page.getByTestId('filter-text');
  await box.fill('');
  await box.pressSequentially(text, { delay: 5 });
}

describe('Inbox filter language in headless Chromium against `serve`', () => {
  it('filters by a numeric param comparison and a header, with a result count', async () => {
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('empty-state').waitFor();
    for (const [payout, agent] of [['0.75', 'Adjust/4.0'], ['1.50', 'AppsFlyer/6.1'], ['2.50', 'AppsFlyer/6.2'], ['12', 'Branch/1']] as const) {
      const res = await fetch(`${app.receiverUrl}/postback?click_id=c-${payout}&payout=${payout}`, { headers: { 'User-Agent': agent } });
      expect(res.status).toBe(200);
    }
    await fetch(`${app.receiverUrl}/json`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"click_id":"j-1","payout":3.10,"note":"shipped PARCEL-9"}' });
    await expect.poll(async () => rows().count(), { timeout: 5000 }).toBe(5);

    await typeFilter('param.payout>1.5');
    await expect.poll(async () => rows().count(), { timeout: 5000 }).toBe(3);
    await expect.poll(async () => page.getByTestId('filter-count').textContent(), { timeout: 5000 }).toBe('3 matching');
    expect((await rows().allTextContents()).join(' ')).not.toContain('c-1.50');
    await page.screenshot({ path: `${shots}/inbox-filter-01-numeric.png` });

    await typeFilter('header.user-agent*=appsflyer -param.payout=2.50');
    await expect.poll(async () => rows().count(), { timeout: 5000 }).toBe(1);
    expect(await rows().first().textContent()).toContain('c-1.50');
    await expect.poll(async () => page.getByTestId('filter-count').textContent()).toBe('1 matching');

    await typeFilter('body*=parcel-9');
    await expect.poll(async () => rows().first().textContent(), { timeout: 5000 }).toContain('j-1');
    expect(await rows().count()).toBe(1);
  });

  it('autocompletes fields, known param names and values from the keyboard', async () => {
    const box = page.getByTestId('filter-text');
    await box.fill('');
    await box.pressSequentially('para');
    const list = page.getByTestId('filter-suggestions');
    await list.waitFor();
    expect(await list.textContent()).toContain('param.');
    await page.keyboard.press('Enter');
    await box.pressSequentially('pay');
    await expect.poll(async () => list.textContent()).toContain('param.payout');
    await page.screenshot({ path: `${shots}/inbox-filter-02-autocomplete.png` });
    await page.keyboard.press('Tab');
    expect(await box.inputValue()).toBe('param.payout');
    // The operators of a complete name come next; ">=" is the fifth of = != *= ^= $= > >= …
    await expect.poll(async () => list.textContent()).toContain('param.payout>=');
    await box.pressSequentially('>=3');
    await page.keyboard.press('Escape');
    expect(await box.inputValue()).toBe('param.payout>=3');
    await page.screenshot({ path: `${shots}/inbox-filter-02b-operator.png` });
    await expect.poll(async () => rows().count(), { timeout: 5000 }).toBe(2);
    await expect.poll(async () => page.getByTestId('filter-count').textContent()).toBe('2 matching');
  });

  it('shows a typo as an inline error at its column and keeps the last result', async () => {
    await typeFilter('param.payout>>1');
    const error = page.getByTestId('filter-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Column 14');
    expect(await error.locator('mark').textContent()).toBe('>1');
    await expect.poll(async () => rows().count()).toBe(2);
    expect(await page.getByTestId('filter-text').getAttribute('aria-invalid')).toBe('true');
    // Not searched as free text: the list still shows the last valid filter's rows.
    expect(await rows().count()).toBe(2);
    await page.screenshot({ path: `${shots}/inbox-filter-03-error.png` });
    await typeFilter('payout>1.5');
    await expect.poll(async () => error.textContent()).toContain('param.payout');
  });

  it('opens the ? help with every field, and an example click becomes the filter', async () => {
    await page.getByTestId('filter-text').fill('');
    await page.getByTestId('filter-help-open').click();
    const help = page.getByTestId('filter-help');
    await help.waitFor();
    const text = (await help.textContent()) ?? '';
    for (const example of ['param.payout>1.5', 'status>=400', 'header.user-agent*=AppsFlyer', 'body*=purchase', 'direction:out', 'verdict:fail', 'endpoint:AppsFlyer', 'dup', 'after:2026-12-01T10:00', 'last:15m', 'path:/webhook/*', 'id:123']) {
      expect(text).toContain(example);
    }
    await page.screenshot({ path: `${shots}/inbox-filter-04-help.png` });
    await help.getByRole('button', { name: 'method:POST', exact: true }).click();
    await expect.poll(async () => help.isVisible()).toBe(false);
    expect(await page.getByTestId('filter-text').inputValue()).toBe('method:POST');
    await expect.poll(async () => rows().count(), { timeout: 5000 }).toBe(1);
    await expect.poll(async () => page.getByTestId('filter-count').textContent()).toBe('1 matching');
    await page.screenshot({ path: `${shots}/inbox-filter-05-example.png` });
  });
});
