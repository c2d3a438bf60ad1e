/**
 * The Bulk tab's failure injection: a share outside 0–100 is refused at its field, and a run
 * with 25% fails exactly a quarter of its postbacks at this app's receiver (real 500s), shown in
 * the summary beside attempts, retries and the delivery rate.
 */
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

describe('bulk failure injection in the Composer', () => {
  it('refuses a share above 100 at its field, then fails exactly 25% of a run and says so in the summary', async () => {
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('rail-composer').click();
    await page.getByTestId('composer-view').waitFor();
    await newTemplate(page, 'Bulk with failures', `${app.receiverUrl}/pb?click_id={click_id}`);

    await page.getByTestId('tab-bulk').click();
    const bulk = page.getByTestId('bulk-tab');
    await bulk.getByLabel('Number of conversions').fill('40');
    await page.getByTestId('generator-clickid').selectOption('sequence');

    const percent = page.getByTestId('bulk-failure-percent');
    await percent.fill('150');
    const error = bulk.locator('[data-field-error="bulk.failurePercent"]');
    await expect.poll(async () => error.textContent()).toContain('failure percent must be a number from 0 to 100');
    expect(await percent.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('bulk-start').isDisabled()).toBe(true);
    await page.screenshot({ path: `${shots}/composer-bulk-failure-field-error.png` });

    await percent.fill('25');
    await expect.poll(async () => error.count()).toBe(0);
    await page.getByTestId('bulk-start').click();
    const summary = page.getByTestId('bulk-summary');
    await summary.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('bulk-injected').textContent()).toBe('10 (25%, seed 1)');
    expect(await page.getByTestId('bulk-delivery-rate').textContent()).toBe('75.0%');
    expect(await page.getByTestId('bulk-attempts').textContent()).toBe('40');
    expect(await summary.textContent()).toContain('Failed10');
    await page.screenshot({ path: `${shots}/composer-bulk-failure-summary.png` });
  });
});
