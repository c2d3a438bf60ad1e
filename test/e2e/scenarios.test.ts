/**
 * The Scenarios view against `serve` (issue #14: "one example plan passes through the UI"): a
 * broken edit is refused at its line; the AppsFlyer example, loaded from the examples menu, runs
 * inside the app with every step and expectation passing; an exchange link lands on the Inbox
 * with that postback selected. Screenshots in both themes.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, shots } from '../helpers/e2e-session.js';
import type { ServeProcess } from '../helpers/serve-process.js';

let app: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ app, browser, page } = await openSession({ viewport: { width: 1440, height: 960 }, colorScheme: 'light' }));
});

afterAll(async () => closeSession({ app, browser }));

const setTheme = async (theme: 'light' | 'dark') => {
  await page.emulateMedia({ colorScheme: theme });
  // A string: this file is typed for Node, the page has the DOM.
  await page.evaluate(`document.documentElement.dataset.theme = '${theme}'`);
  await page.waitForTimeout(200);
};

describe('Scenarios view against `serve`', () => {
  it('runs the AppsFlyer example through the UI: every row passes, and an exchange link opens it in the Inbox', async () => {
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('rail-scenarios').waitFor();
    await page.keyboard.press('9');
    await page.getByTestId('scenarios-view').waitFor();
    expect(await page.getByTestId('rail-scenarios').getAttribute('aria-current')).toBe('page');

    await page.getByTestId('scenario-example').selectOption('appsflyer-install-purchase.yaml');
    const editor = page.getByTestId('scenario-plan');
    await expect.poll(() => editor.inputValue()).toContain('name: AppsFlyer-style install + purchase');
    // The file is read asynchronously: wait for the view to take it.
    await expect.poll(() => page.getByTestId('scenario-file-name').textContent()).toBe('appsflyer-install-purchase.yaml');

    // A typo is refused before anything runs, pointed at its line.
    const good = await editor.inputValue();
    const line = good.split('\n').findIndex((l) => l.includes('within: 5s')) + 1;
    await editor.fill(good.replace('within: 5s', 'within: soon'));
    await page.getByTestId('scenario-run').click();
    const planError = page.getByTestId('scenario-plan-error');
    await planError.waitFor();
    expect(await planError.textContent()).toContain(`line ${line}, column 13`);
    expect(await planError.textContent()).toContain('expect[0].within: must be an integer or a duration such as 500ms, 5s or 1m');
    expect(await page.locator('.sc-gutter .is-error').textContent()).toBe(`✕ ${line}`);
    await page.screenshot({ path: `${shots}/scenarios-01-plan-error-light.png` });
    await setTheme('dark');
    await page.screenshot({ path: `${shots}/scenarios-02-plan-error-dark.png` });
    await setTheme('light');

    // The example as shipped passes.
    await page.getByTestId('scenario-example').selectOption('appsflyer-install-purchase.yaml');
    await page.getByTestId('scenario-run').click();
    expect(await page.getByTestId('scenario-plan-error').count()).toBe(0);
    await expect.poll(async () => page.getByTestId('scenario-summary').getAttribute('data-status'), { timeout: 30_000 }).toBe('passed');
    const statuses = await page.getByTestId('scenario-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(statuses).toEqual(Array(10).fill('pass'));
    expect(await page.getByTestId('scenario-steps').getByTestId('scenario-row').count()).toBe(2);
    expect((await page.getByTestId('scenario-summary').textContent())?.replace(/\s+/g, ' ')).toMatch(/Passed.*8 passed, 0 failed/);
    expect(await page.getByTestId('scenario-junit').isEnabled()).toBe(true);
    await page.screenshot({ path: `${shots}/scenarios-03-passed-light.png` });
    await setTheme('dark');
    await page.screenshot({ path: `${shots}/scenarios-04-passed-dark.png` });

    // The JUnit download is the run's report.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scenario-junit').click()]);
    expect(download.suggestedFilename()).toBe('AppsFlyer-style-install-purchase.junit.xml');

    // The install postback the first expectation matched, selected in the Inbox.
    const link = page.getByTestId('scenario-expectations').getByTestId('scenario-row').first().getByTestId('scenario-exchange').first();
    const id = (await link.textContent())!.replace('#', '');
    await link.click();
    await page.locator(`#exchange-row-${id}[aria-selected="true"]`).waitFor();
    expect(await page.getByTestId('rail-inbox').getAttribute('aria-current')).toBe('page');
    await page.getByTestId('exchange-detail').waitFor();
    expect(await page.getByTestId('exchange-detail').textContent()).toContain('/appsflyer/postback');
    await page.screenshot({ path: `${shots}/scenarios-05-inbox-dark.png` });
  });

  it('a plan opened from a file that fails shows the failing expectation, what was seen, and the duplicates as links', async () => {
    await page.getByTestId('rail-scenarios').click();
    const broken = readFileSync(new URL('../fixtures/scenario/offerwall-broken.yaml', import.meta.url));
    await page.getByTestId('scenario-file').setInputFiles({ name: 'offerwall-broken.yaml', mimeType: 'application/yaml', buffer: broken });
    // The file is read asynchronously: wait for the view to take it.
    await expect.poll(() => page.getByTestId('scenario-file-name').textContent()).toBe('offerwall-broken.yaml');
    await page.getByTestId('scenario-run').click();
    await expect.poll(async () => page.getByTestId('scenario-summary').getAttribute('data-status'), { timeout: 30_000 }).toBe('failed');
    const failed = page.locator('[data-testid="scenario-row"][data-status="fail"]');
    expect(await failed.count()).toBe(1);
    expect(await failed.textContent()).toContain('no duplicates at /offerwall/callback');
    expect(await failed.textContent()).toMatch(/1 duplicate\(s\): #\d+ \/offerwall\/callback/);
    expect(await failed.getByTestId('scenario-exchange').count()).toBe(1);
    await page.screenshot({ path: `${shots}/scenarios-06-failed-dark.png` });
    await setTheme('light');
    await page.screenshot({ path: `${shots}/scenarios-07-failed-light.png` });
  });
});
