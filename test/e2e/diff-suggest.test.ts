/**
 * Issue 13 item 9 in the Diff view: `3.10` vs `3.1` is labelled "numerically equal"; "Suggest
 * rules" lists the params that differed in every capture (click id, ts, sig) plus ~numeric-format,
 * and one click adds a rule, "Add all" the rest, until the two captures compare identical.
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

async function newestId(): Promise<number> {
  const res = await fetch(`${app.controlUrl}/api/exchanges?limit=1`, { headers: { Authorization: `Bearer ${app.token}` } });
  return ((await res.json()) as { items: Array<{ id: number }> }).items[0]!.id;
}

const row = (id: number) => page.locator(`[data-testid="exchange-row"][data-exchange-id="${id}"]`);

describe('diff: numerically equal values and suggested ignore rules', () => {
  it('labels 3.10 vs 3.1 and turns a noisy first comparison identical with suggested rules', async () => {
    const ids: number[] = [];
    const payouts = ['3.10', '3.1', '3.100'];
    for (let i = 0; i < 3; i++) {
      await fetch(`${app.receiverUrl}/sg?click_id=c-${i}&event=install&payout=${payouts[i]}&ts=${1700000000 + i}&sig=s${i}x`);
      ids.push(await newestId());
    }
    const [left, right] = [ids[0]!, ids[1]!];

    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await row(right).waitFor({ timeout: 5000 });
    await row(left).click();
    await row(right).click({ modifiers: ['Shift'] });
    await page.keyboard.press('d');
    const view = page.getByTestId('diff-view');
    await page.getByTestId('diff-summary').waitFor({ timeout: 5000 });
    const payout = view.locator('[data-testid="param-diff-row"][data-name="payout"]');
    expect(await payout.getByTestId('numeric-equal').textContent()).toContain('numerically equal');
    expect(await page.getByTestId('diff-verdict').textContent()).toBe('≠ 4 differences');

    await page.getByTestId('suggest-rules').click();
    const list = page.getByTestId('rule-suggestions');
    await list.waitFor();
    const rules = await list.getByTestId('rule-suggestion').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    expect(rules).toEqual(['~numeric-format', 'click_id', 'ts', 'sig']);
    await page.screenshot({ path: `${shots}/diff-suggest-01-suggestions.png` });

    // One click adds one rule; "Add all" the rest.
    await list.locator('[data-rule="click_id"] button').click();
    await expect.poll(async () => page.getByTestId('diff-verdict').textContent(), { timeout: 5000 }).toBe('≠ 3 differences');
    await page.getByTestId('add-all-suggestions').click();
    await expect.poll(async () => page.getByTestId('diff-verdict').textContent(), { timeout: 5000 }).toContain('identical');
    expect(await page.getByTestId('diff-summary').textContent()).toContain('1 numerically equal');
    await page.screenshot({ path: `${shots}/diff-suggest-02-identical.png` });
  });
});
