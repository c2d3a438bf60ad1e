import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, shots } from '../helpers/e2e-session.js';
import type { ServeProcess } from '../helpers/serve-process.js';

let app: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ app, browser, page } = await openSession({ viewport: { width: 1400, height: 700 }, colorScheme: 'light' }));
  await fetch(`${app.receiverUrl}/pb?click_id=before-pause&event=install`);
});

afterAll(async () => closeSession({ app, browser }));

describe('paused capture', () => {
  it('shows a banner counting the refused postbacks, the footer stops saying "live", and Resume captures again', async () => {
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('exchange-row').first().waitFor();
    await expect.poll(() => page.getByTestId('stream-state').textContent()).toBe('live');
    expect(await page.getByTestId('paused-banner').count()).toBe(0);

    await page.getByTestId('pause-toggle').click();
    const banner = page.getByTestId('paused-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Capture paused — 0 postbacks refused \(503\) since \d\d:\d\d/);
    expect(await page.getByTestId('stream-state').textContent()).toBe('capture paused');

    for (let i = 0; i < 3; i++) expect((await fetch(`${app.receiverUrl}/pb?click_id=refused-${i}`)).status).toBe(503);
    // The status is pushed every second or so: the count follows without a reload.
    await expect.poll(() => page.getByTestId('paused-refusals').textContent(), { timeout: 5000 }).toBe('3');
    expect(await banner.textContent()).toContain('3 postbacks refused (503)');
    expect(await page.getByTestId('exchange-row').count()).toBe(1);
    await page.screenshot({ path: `${shots}/paused-01-banner-light.png` });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${shots}/paused-02-banner-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByTestId('paused-resume').click();
    await banner.waitFor({ state: 'detached' });
    expect(await page.getByTestId('stream-state').textContent()).toBe('live');
    expect((await fetch(`${app.receiverUrl}/pb?click_id=after-resume`)).status).toBe(200);
    await expect.poll(() => page.getByTestId('exchange-row').count(), { timeout: 5000 }).toBe(2);

    // A new pause counts from zero.
    await page.getByTestId('pause-toggle').click();
    await banner.waitFor();
    expect(await page.getByTestId('paused-refusals').textContent()).toBe('0');
    await page.getByTestId('pause-toggle').click();
    await banner.waitFor({ state: 'detached' });
  });
});
