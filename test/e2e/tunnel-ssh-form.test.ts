/**
 * Issue 15, the SSH reverse tunnel from the UI: the built app served with a fake `ssh` first on
 * PATH (test/helpers/fake-tunnel.ts). Choosing "ssh" opens a form for the user's own server; a
 * remote port out of range and a missing public URL are refused at their fields; a good form runs
 * ssh with that remote port and shows the public URL in the header; the values are kept.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { shots } from '../helpers/e2e-session.js';
import { fakeSsh, type FakeSsh } from '../helpers/fake-tunnel.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';

let fake: FakeSsh;
let app: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  fake = fakeSsh();
  app = await startServe([], { env: { ...process.env, PATH: fake.path } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 800 }, colorScheme: 'light' });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fake?.remove();
});

describe('ssh tunnel form in the header', () => {
  it('validates host, remote port and public URL at their fields, then starts ssh -R <port> and shows the URL', async () => {
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('tunnel-kind').selectOption('ssh');
    const toggle = page.getByTestId('tunnel-toggle');
    expect(await toggle.textContent()).toBe('Start tunnel…');
    await toggle.click();
    const form = page.getByTestId('ssh-tunnel-form');
    await form.waitFor();

    await page.getByTestId('ssh-user').fill('deploy');
    await page.getByTestId('ssh-remote-port').fill('70000');
    const error = (field: string) => form.locator(`[data-field-error="${field}"]`);
    await expect.poll(() => error('remotePort').textContent()).toContain('the remote port is a whole number from 1 to 65535');
    // Empty required fields speak up once Start is pressed.
    expect(await error('sshHost').count()).toBe(0);
    await page.getByTestId('ssh-tunnel-start').click();
    await expect.poll(() => error('sshHost').textContent()).toContain('the SSH server to forward through is required');
    expect(await error('publicUrl').textContent()).toContain('the public URL the SSH server gives is required');
    expect(await page.getByTestId('ssh-remote-port').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: `${shots}/tunnel-03-ssh-form-errors.png` });
    expect(fake.run()).toBeNull();

    await page.getByTestId('ssh-host').fill('tunnel.example.com');
    await page.getByTestId('ssh-remote-port').fill('8080');
    await page.getByTestId('ssh-public-url').fill('https://pb.example.com');
    await expect.poll(() => form.locator('[data-field-error]').count()).toBe(0);
    await page.getByTestId('ssh-tunnel-start').click();

    await expect.poll(() => page.getByTestId('tunnel-url').textContent(), { timeout: 10_000 }).toBe('https://pb.example.com');
    expect(await form.count()).toBe(0);
    expect(await toggle.textContent()).toBe('Stop tunnel');
    const receiverPort = new URL(app.receiverUrl).port;
    await expect.poll(() => fake.run()?.args).toEqual(['-N', '-o', 'BatchMode=yes', '-o', 'ExitOnForwardFailure=yes', '-R', `8080:127.0.0.1:${receiverPort}`, '--', 'deploy@tunnel.example.com']);
    await page.screenshot({ path: `${shots}/tunnel-04-ssh-running.png` });

    await toggle.click();
    await page.getByTestId('tunnel-url').waitFor({ state: 'detached' });
    // The server is the user's own: the form remembers it for the next start.
    await page.reload();
    await page.getByTestId('tunnel-kind').selectOption('ssh');
    await page.getByTestId('tunnel-toggle').click();
    expect(await page.getByTestId('ssh-host').inputValue()).toBe('tunnel.example.com');
    expect(await page.getByTestId('ssh-remote-port').inputValue()).toBe('8080');
    await page.keyboard.press('Escape');
    await page.getByTestId('ssh-tunnel-form').waitFor({ state: 'detached' });
  });
});
