/**
 * Issue 13 item 9: values typed in the Composer are kept with the template. "Keep as defaults"
 * copies them into the template's defaults; after Save the server holds them, so a fresh browser
 * (no local storage) still previews the same postback.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Template } from '../../src/model/sender.js';
import { closeSession, openSession, shots, newTemplate } from '../helpers/e2e-session.js';
import type { ServeProcess } from '../helpers/serve-process.js';

let app: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ app, browser, page } = await openSession({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' }));
});

afterAll(async () => closeSession({ app, browser }));

describe('Composer values saved with the template', () => {
  it('keeps typed values as template defaults that survive a fresh browser', async () => {
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('rail-composer').click();
    await page.getByTestId('composer-view').waitFor();
    await newTemplate(page, 'Kept values', `${app.receiverUrl}/kv?click_id={click_id}&payout={payout}`);
    await page.getByTestId('tab-delivery').click();
    await page.getByTestId('template-dialect').selectOption('curly');
    await page.getByTestId('tab-values').click();
    await expect.poll(async () => page.getByTestId('value-row').count()).toBe(2);
    await page.getByTestId('value-clickid').fill('kv-1');
    await page.getByTestId('value-payout').fill('3.10');
    await page.getByTestId('values-to-defaults').click();
    expect(await page.getByLabel('Default of {payout}').inputValue()).toBe('3.10');
    await page.getByTestId('template-save').click();
    await page.getByTestId('template-saved').waitFor({ timeout: 5000 });
    await page.screenshot({ path: `${shots}/composer-values-01-kept.png` });

    const res = await fetch(`${app.controlUrl}/api/templates`, { headers: { Authorization: `Bearer ${app.token}` } });
    const saved = ((await res.json()) as Template[]).find((t) => t.name === 'Kept values');
    expect(saved?.defaults).toEqual({ click_id: 'kv-1', payout: '3.10' });

    // A fresh browser context: nothing in local storage, the values still fill the preview.
    const fresh = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await fresh.goto(`${app.controlUrl}/#token=${app.token}`);
    await fresh.getByTestId('rail-composer').click();
    await fresh.getByTestId('composer-view').waitFor();
    // The only template, so the Composer opens on it.
    await expect.poll(async () => fresh.getByTestId('template-select').evaluate((el) => (el as unknown as { selectedOptions: Array<{ text: string }> }).selectedOptions[0]?.text)).toBe('Kept values');
    await expect.poll(async () => fresh.getByTestId('preview-url').textContent(), { timeout: 5000 }).toContain('click_id=kv-1&payout=3.10');
    await fresh.screenshot({ path: `${shots}/composer-values-02-fresh-browser.png` });
    await fresh.close();
  });
});
