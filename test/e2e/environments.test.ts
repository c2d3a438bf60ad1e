/**
 * Issue 13: Composer environments in headless Chromium against `serve`. A user creates an
 * environment (a base URL and a secret key), sends with it, sees the secret masked, has an
 * unknown {{variable}} refused by name, and finds the environment still picked after a reload.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangePage } from '../../src/model/exchange.js';
import { closeSession, openSession, shots, newTemplate } from '../helpers/e2e-session.js';
import type { ServeProcess } from '../helpers/serve-process.js';

let app: ServeProcess;
let browser: Browser;
let page: Page;
const SECRET = 'sk_test_9f8e7d6c5b4a';

beforeAll(async () => {
  ({ app, browser, page } = await openSession({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' }));
});

afterAll(async () => closeSession({ app, browser }));

async function captured(): Promise<string[]> {
  const res = await fetch(`${app.controlUrl}/api/exchanges?filter=${encodeURIComponent('direction:in')}`, { headers: { Authorization: `Bearer ${app.token}` } });
  return ((await res.json()) as ExchangePage).items.map((e) => e.url);
}

describe('Composer environments', () => {
  it('creates an environment, sends with it (secret masked in the preview), and remembers it', async () => {
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('rail-composer').click();
    await page.getByTestId('composer-view').waitFor();
    await newTemplate(page, 'With environment', '{{base_url}}/env-pb?click_id={click_id}&key={{api_key}}');
    await page.getByTestId('tab-values').click();
    await page.getByTestId('value-clickid').fill('env-1');

    await page.getByTestId('environments-manage').click();
    const dialog = page.getByTestId('environments-dialog');
    await dialog.waitFor();
    // Opened on a new environment, its name field focused: type straight away.
    await page.keyboard.type('Local receiver');
    await dialog.getByTestId('variable-name').first().fill('base_url');
    await dialog.getByTestId('variable-value').first().fill(app.receiverUrl);
    await dialog.getByTestId('variable-add').click();
    await dialog.getByTestId('variable-name').nth(1).fill('api_key');
    await dialog.getByTestId('variable-value').nth(1).fill(SECRET);
    await dialog.getByTestId('variable-secret').nth(1).check();
    await dialog.getByTestId('environment-save').click();
    await expect.poll(async () => dialog.getByTestId('environment-item').allTextContents()).toEqual(['Local receiver2']);
    // Saved: the secret is not in the page any more, only its masked form as a placeholder.
    expect(await dialog.getByTestId('variable-value').nth(1).inputValue()).toBe('');
    expect(await dialog.getByTestId('variable-value').nth(1).getAttribute('placeholder')).toContain('••••5b4a');
    await page.screenshot({ path: `${shots}/environments-01-dialog.png` });
    await page.screenshot({ path: '/tmp/h2-environments-dialog.png' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The first environment is picked for sending; the preview has its values, the secret masked.
    expect(await page.getByTestId('environment-select').evaluate((el) => (el as unknown as { selectedOptions: Array<{ text: string }> }).selectedOptions[0]?.text)).toBe('Local receiver');
    await expect.poll(async () => page.getByTestId('preview-url').textContent(), { timeout: 5000 }).toBe(`GET ${app.receiverUrl}/env-pb?click_id=env-1&key=••••5b4a`);
    expect(await page.content()).not.toContain(SECRET);
    await page.screenshot({ path: `${shots}/environments-02-composer.png` });
    await page.screenshot({ path: '/tmp/h2-composer-environment.png' });

    await page.getByTestId('send').click();
    await expect.poll(captured, { timeout: 5000 }).toContain(`/env-pb?click_id=env-1&key=${SECRET}`);
    expect(await page.getByTestId('send-refused').count()).toBe(0);

    // Remembered in the data folder: a reload (or another browser) keeps the choice.
    await page.reload();
    await page.getByTestId('composer-view').waitFor();
    await expect
      .poll(async () => page.getByTestId('environment-select').evaluate((el) => (el as unknown as { selectedOptions: Array<{ text: string }> }).selectedOptions[0]?.text))
      .toBe('Local receiver');
  });

  it('refuses an unknown {{variable}} by name and sends nothing', async () => {
    const before = (await captured()).length;
    await page.getByTestId('tab-request').click();
    await page.getByTestId('template-url').fill('{{base_url}}/env-pb?click_id={click_id}&campaign={{campaign}}');
    await page.getByTestId('send').click();
    const refusal = page.getByTestId('send-refused');
    await refusal.waitFor({ timeout: 5000 });
    expect(await refusal.textContent()).toContain('unknown variable {{campaign}}');
    const problem = page.locator('[data-code="unknown-variable"]').first();
    expect(await problem.textContent()).toContain('the environment "Local receiver" has no variable "campaign"');
    await page.screenshot({ path: `${shots}/environments-03-unknown-variable.png` });
    // The fix opens the environment to add it.
    await problem.getByTestId('fix-environment').click();
    await page.getByTestId('environments-dialog').waitFor();
    await page.getByTestId('environments-close').click();
    expect((await captured()).length).toBe(before);
  });
});
