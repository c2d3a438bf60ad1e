/**
 * Issue 15, "start/stop from the UI": the built app served with a fake `cloudflared` first on PATH
 * (test/helpers/fake-tunnel.ts) and no ngrok. Start shows the public URL in the header and a
 * partner's request through it is captured; Stop takes it away; ngrok, not installed, shows the
 * core's install advice.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { shots } from '../helpers/e2e-session.js';
import { FAKE_PUBLIC_HOST, fakeCloudflared, type FakeTunnel } from '../helpers/fake-tunnel.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';

let fake: FakeTunnel;
let app: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  fake = fakeCloudflared();
  // The serve process finds its tunnel client on PATH: only the fake (and node, for its shebang).
  app = await startServe([], { env: { ...process.env, PATH: fake.path } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 700 }, colorScheme: 'light' });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fake?.remove();
});

describe('tunnel button in the header', () => {
  it('starts a cloudflared tunnel, shows its public URL, captures through it, and stops it', async () => {
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    const toggle = page.getByTestId('tunnel-toggle');
    await expect.poll(() => toggle.textContent()).toBe('Start tunnel');
    expect(await page.getByTestId('tunnel-url').count()).toBe(0);

    await toggle.click();
    await expect.poll(() => page.getByTestId('tunnel-url').textContent(), { timeout: 10_000 }).toBe(`https://${FAKE_PUBLIC_HOST}`);
    expect(await toggle.textContent()).toBe('Stop tunnel');
    expect(await page.getByTestId('tunnel-kind').isDisabled()).toBe(true);

    expect((await fake.get('/pb?click_id=via-button&event=install')).status).toBe(200);
    await expect.poll(() => page.getByTestId('exchange-row').count(), { timeout: 5000 }).toBe(1);
    await page.screenshot({ path: `${shots}/tunnel-01-running.png` });

    await toggle.click();
    await page.getByTestId('tunnel-url').waitFor({ state: 'detached' });
    await expect.poll(() => toggle.textContent()).toBe('Start tunnel');
    const tunnel = (await (await fetch(`${app.controlUrl}/api/tunnel`, { headers: { Authorization: `Bearer ${app.token}` } })).json()) as { state: string };
    expect(tunnel.state).toBe('stopped');
  });

  it('with ngrok not installed, shows the install advice and lets the user pick another client', async () => {
    await page.getByTestId('tunnel-kind').selectOption('ngrok');
    await page.getByTestId('tunnel-toggle').click();
    const message = page.getByTestId('tunnel-error');
    await message.waitFor();
    expect(await message.textContent()).toMatch(/no "ngrok" found on PATH.*Install one/);
    expect(await page.getByTestId('tunnel-toggle').textContent()).toBe('Start tunnel');
    expect(await page.getByTestId('tunnel-kind').isDisabled()).toBe(false);
    await page.screenshot({ path: `${shots}/tunnel-02-not-installed.png` });
  });
});
