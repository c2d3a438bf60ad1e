/**
 * Settings round trip in Chromium against `serve`: retention saved and still there after a
 * reload (and applied on demand), a bad receiver port refused at its field, a good one saved with
 * the "applies at next start" warning, the theme switched (same store as the top bar's toggle),
 * screenshots in both themes.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetentionStatus, StartupSettingsView } from '../../src/model/settings.js';
import { closeSession, openSession, shots } from '../helpers/e2e-session.js';
import type { ServeProcess } from '../helpers/serve-process.js';

let app: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ app, browser, page } = await openSession({ viewport: { width: 1400, height: 1400 }, colorScheme: 'light' }));
});

afterAll(async () => closeSession({ app, browser }));

async function api<T>(path: string): Promise<T> {
  return (await (await fetch(`${app.controlUrl}${path}`, { headers: { Authorization: `Bearer ${app.token}` } })).json()) as T;
}

describe('settings view against `serve`', () => {
  it('saves retention (kept after a reload), refuses a bad port at its field, switches the theme', async () => {
    await fetch(`${app.receiverUrl}/postback?click_id=s-1&event=install`);
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('empty-state').or(page.getByTestId('exchange-row').first()).waitFor();
    await page.getByTestId('rail-settings').click();
    const view = page.getByTestId('settings-view');
    await view.waitFor();
    expect(await page.getByTestId('coming-soon').count()).toBe(0);
    expect(await page.getByTestId('settings-data-dir').textContent()).toBe(app.dataDir);
    expect(await page.getByTestId('settings-time-scale').textContent()).toBe('×1');

    // Retention: 7 days and 2 GiB, saved with Enter from the field (the section is a form).
    await page.getByTestId('retention-max-age').fill('7');
    await page.getByTestId('retention-max-size').fill('2');
    await page.getByTestId('retention-max-size-unit').selectOption('GiB');
    await page.getByTestId('retention-max-size').press('Enter');
    await page.getByTestId('settings-retention-saved').getByText('Saved').waitFor();
    expect((await api<RetentionStatus>('/api/settings/retention')).policy).toEqual({ maxAgeDays: 7, maxBytes: 2 * 1024 ** 3 });
    await page.getByTestId('retention-run').click();
    await page.getByTestId('retention-run-result').getByText(/Nothing to delete|Deleted/).waitFor();

    // A bad port is refused by the API and the message sits under the field.
    await page.getByTestId('settings-receiver-port').fill('70000');
    await page.getByTestId('settings-startup-save').click();
    const portError = page.locator('[data-field-error="receiverPort"]');
    await portError.waitFor();
    expect(await portError.textContent()).toContain('0 to 65535');
    expect(await page.getByTestId('settings-receiver-port').getAttribute('aria-invalid')).toBe('true');
    expect((await api<StartupSettingsView>('/api/settings/startup')).saved.receiverPort).toBeNull();
    await page.screenshot({ path: `${shots}/settings-01-light-port-error.png` });

    // A good one is saved for the next start; this launch keeps its port and says so.
    await page.getByTestId('settings-receiver-port').fill('4321');
    await page.getByTestId('settings-max-body').fill('1');
    await page.getByTestId('settings-max-body-unit').selectOption('MiB');
    await page.getByTestId('settings-receiver-port').press('Enter');
    await page.getByTestId('settings-startup-saved').getByText('Saved').waitFor();
    expect(await portError.count()).toBe(0);
    const notes = page.getByTestId('settings-startup').getByTestId('next-start-note');
    // The port came from a flag (the test starts serve with --receiver-port 0); the body limit from the default.
    expect(await notes.nth(0).textContent()).toContain('from --receiver-port. 4321 applies at the next start without that flag');
    expect(await notes.nth(1).textContent()).toBe('⚠ Running with 10 MiB. 1.0 MiB applies at the next start.');
    expect((await api<StartupSettingsView>('/api/settings/startup')).saved).toEqual({ receiverPort: 4321, bind: null, maxBodyBytes: 1024 * 1024 });

    // After a reload the saved values are what the form shows.
    await page.reload();
    await view.waitFor();
    await page.getByTestId('retention-max-age').waitFor();
    expect(await page.getByTestId('retention-max-age').inputValue()).toBe('7');
    expect(await page.getByTestId('retention-max-size').inputValue()).toBe('2');
    expect(await page.getByTestId('retention-max-size-unit').inputValue()).toBe('GiB');
    expect(await page.getByTestId('settings-receiver-port').inputValue()).toBe('4321');
    expect(await page.getByTestId('settings-max-body').inputValue()).toBe('1');
    expect(await page.getByTestId('settings-max-body-unit').inputValue()).toBe('MiB');
    await page.screenshot({ path: `${shots}/settings-02-light.png` });

    // Theme: the section and the top bar's toggle share one store.
    await page.getByTestId('settings-theme-dark').click();
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    expect(await page.getByTestId('theme-toggle').getAttribute('aria-label')).toBe('Theme: Dark');
    expect(await page.getByTestId('settings-theme-dark').getAttribute('aria-checked')).toBe('true');
    await page.screenshot({ path: `${shots}/settings-03-dark.png` });
    // Arrow keys move along the radio group: dark → light.
    await page.getByTestId('settings-theme-dark').press('ArrowLeft');
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe('light');
    await page.getByTestId('theme-toggle').click();
    expect(await page.getByTestId('settings-theme-dark').getAttribute('aria-checked')).toBe('true');
  });
});
