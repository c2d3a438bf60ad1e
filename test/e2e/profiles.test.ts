import { createHmac } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, shots } from '../helpers/e2e-session.js';
import type { ServeProcess } from '../helpers/serve-process.js';

const SECRET = 'partner-secret-2026';
let app: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ app, browser, page } = await openSession({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' }));
});

afterAll(async () => closeSession({ app, browser }));

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${app.controlUrl}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${app.token}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
  });
  expect(res.ok, `${init.method ?? 'GET'} ${path} → ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

/** HMAC-SHA256 hex of the request target without its `sig` param: what the profile below checks. */
const sign = (target: string) => createHmac('sha256', SECRET).update(target).digest('hex');

/** Inbox row whose key params show `text`. */
const rowWith = (text: string) => page.getByTestId('exchange-row').filter({ hasText: text }).first();

describe('profiles, verdicts and the signature card against `serve`', () => {
  it('adds the Keitaro preset, gives it an HMAC scheme and a write-only secret in the UI', async () => {
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('rail-profiles').click();
    await page.getByTestId('profiles-first-run').waitFor();
    const card = page.getByTestId('profile-preset-keitaro');
    await card.waitFor();
    expect(await card.textContent()).toContain('Keitaro tracker postback');
    expect(await card.locator('a').first().getAttribute('href')).toMatch(/^https:\/\//);
    await page.screenshot({ path: `${shots}/profiles-01-first-run.png` });

    // The toolbar's "From preset" offers the same cards.
    await page.getByTestId('profile-from-preset').click();
    const popover = page.getByRole('dialog', { name: 'Add a profile from a partner preset' });
    await popover.getByTestId('add-profile-preset-keitaro').click();
    const editor = page.getByTestId('profile-editor');
    await editor.waitFor();
    expect(await editor.locator('.ep-editor-name').textContent()).toBe('Keitaro');
    expect(await page.getByTestId('profile-row').count()).toBe(1);
    await expect.poll(() => editor.getByTestId('param-spec-row').count()).toBeGreaterThan(3);
    await page.screenshot({ path: `${shots}/profiles-02-params.png` });

    await editor.getByTestId('tab-signature').click();
    await editor.getByTestId('profile-scheme').selectOption('hmac');
    await editor.getByTestId('opt-message-kind').selectOption('url-without-signature');
    await editor.getByLabel(/With scheme and host/).uncheck();
    await editor.getByTestId('signature-in').selectOption('query');
    await editor.getByTestId('signature-name').fill('sig');
    await editor.getByTestId('secret-set').click();
    await editor.getByTestId('secret-input').fill(SECRET);
    expect(await editor.getByTestId('secret-input').getAttribute('type')).toBe('password');
    await expect.poll(() => editor.getByTestId('profile-unsaved').count()).toBe(1);
    await page.screenshot({ path: `${shots}/profiles-03-signature-editing.png` });

    await editor.getByTestId('profile-save').click();
    await editor.getByTestId('profile-saved-note').waitFor({ timeout: 5000 });
    // Write-only: once saved, only the mask is shown, never the secret.
    expect(await editor.getByTestId('secret-mask').textContent()).toBe('••••2026');
    expect(await editor.getByTestId('secret-input').count()).toBe(0);
    expect(await page.content()).not.toContain(SECRET);

    const [profile] = await api<Array<{ id: number; signature: { scheme: string; options: Record<string, unknown> }; secret: { masked: string } }>>('/api/profiles');
    expect(profile!.signature.scheme).toBe('hmac');
    expect(profile!.signature.options).toMatchObject({ message: { kind: 'url-without-signature', absolute: false }, signature: { in: 'query', name: 'sig' } });
    expect(profile!.secret.masked).toBe('••••2026');
    await page.screenshot({ path: `${shots}/profiles-04-signature-saved.png` });
  });

  it('shows a server field error next to the field, keeps the edit, and saves once fixed', async () => {
    const editor = page.getByTestId('profile-editor');
    await editor.getByTestId('tab-params').click();
    const first = editor.getByTestId('param-spec-row').first();
    await first.getByTestId('param-pattern').fill('([a-z');
    await editor.getByTestId('profile-save').click();
    const fieldError = first.locator('[data-field-error="params[0].pattern"]');
    await fieldError.waitFor({ timeout: 5000 });
    expect(await fieldError.textContent()).toContain('not a valid regular expression');
    expect(await first.getByTestId('param-pattern').getAttribute('aria-invalid')).toBe('true');
    expect(await editor.getByTestId('profile-save-error').textContent()).toContain('params[0].pattern');
    expect(await editor.getByTestId('tab-params').textContent()).toContain('✕ 1');
    await page.screenshot({ path: `${shots}/profiles-05-field-error.png` });

    await first.getByTestId('param-pattern').fill('^[A-Za-z0-9-]+$');
    expect(await first.locator('[data-field-error]').count()).toBe(0);
    await page.keyboard.press('Control+s');
    await editor.getByTestId('profile-saved-note').waitFor({ timeout: 5000 });
    expect(await page.getByTestId('profile-save-error').count()).toBe(0);
  });

  it('list fields keep the text as typed and save the parsed lists; a bad source range is named by its line', async () => {
    const editor = page.getByTestId('profile-editor');
    await editor.getByTestId('tab-params').click();
    const reversal = editor.getByTestId('profile-reversal-events');
    await reversal.fill('chargeback, refund, ');
    // Mid-typing text stays as typed while the profile already holds the list.
    expect(await reversal.inputValue()).toBe('chargeback, refund, ');

    await editor.getByTestId('tab-settings').click();
    const sources = editor.getByTestId('profile-allowed-sources');
    await sources.fill('52.0.0.0/16\nnot-a-range');
    const problems = editor.getByTestId('allowed-sources-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toMatch(/^✕ 2: /);
    await sources.fill('52.0.0.0/16\n2600:1f18::/32');
    await expect.poll(() => problems.count()).toBe(0);
    await editor.getByTestId('profile-save').click();
    await editor.getByTestId('profile-saved-note').waitFor({ timeout: 5000 });

    const [profile] = await api<Array<{ reversalEvents?: string[]; allowedSources?: string[] }>>('/api/profiles');
    expect(profile!.reversalEvents).toEqual(['chargeback', 'refund']);
    expect(profile!.allowedSources).toEqual(['52.0.0.0/16', '2600:1f18::/32']);
    // Back on the tab, the field shows the saved list.
    await editor.getByTestId('tab-params').click();
    expect(await editor.getByTestId('profile-reversal-events').inputValue()).toBe('chargeback, refund');
  });

  it('flags a wrong HMAC and an unreplaced macro: fail badges in the Inbox', async () => {
    const [profile] = await api<Array<{ id: number }>>('/api/profiles');
    await api('/api/endpoints', {
      method: 'POST',
      body: JSON.stringify({ name: 'Keitaro KT', enabled: true, methods: [], path: '/kt', profileId: profile!.id, correlationKeys: [], rules: [], fallback: { status: 200, headers: [], body: 'OK' } }),
    });

    const wrong = '/kt?subid=wrong-sig-1&status=sale&payout=2.50&currency=USD';
    expect((await fetch(`${app.receiverUrl}${wrong}&sig=deadbeef`)).status).toBe(200);
    const macro = '/kt?subid=macro-2&status=lead&click_id=%7Bclick_id%7D';
    expect((await fetch(`${app.receiverUrl}${macro}&sig=${sign(macro)}`)).status).toBe(200);

    await page.getByTestId('rail-inbox').click();
    const wrongRow = rowWith('wrong-sig-1');
    const macroRow = rowWith('macro-2');
    await wrongRow.waitFor({ timeout: 5000 });
    await macroRow.waitFor({ timeout: 5000 });
    await expect.poll(() => wrongRow.getByTestId('verdict-badge').getAttribute('data-verdict'), { timeout: 5000 }).toBe('fail');
    await expect.poll(() => macroRow.getByTestId('verdict-badge').getAttribute('data-verdict'), { timeout: 5000 }).toBe('fail');
    expect(await wrongRow.getByTestId('verdict-badge').textContent()).toContain('✕ fail');
    await page.screenshot({ path: `${shots}/profiles-06-inbox-verdicts.png` });
  });

  it('the Signature tab shows the canonical string, expected vs given and the likely cause', async () => {
    await rowWith('wrong-sig-1').click();
    const detail = page.getByTestId('exchange-detail');
    await detail.getByTestId('tab-signature').click();
    const panel = detail.getByTestId('signature-panel');
    await panel.waitFor({ timeout: 5000 });
    expect(await panel.getAttribute('data-status')).toBe('fail');
    expect(await panel.getByTestId('signature-status').textContent()).toContain('✕ invalid');
    expect(await panel.getByTestId('signature-scheme').textContent()).toBe('hmac');
    expect(await panel.getByTestId('canonical-string').textContent()).toBe(wrongCanonical());
    expect(await panel.getByTestId('sig-given').textContent()).toBe('deadbeef');
    expect(await panel.getByTestId('sig-expected').textContent()).toBe(sign(wrongCanonical()));
    expect(await panel.getByTestId('signature-cause').textContent()).toContain('signature mismatch');
    expect(await panel.locator('mark.diff-char').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${shots}/profiles-07-signature-tab.png` });
  });

  it('the Checks tab flags click_id={click_id} as an unreplaced macro (and its signature is valid)', async () => {
    await rowWith('macro-2').click();
    const detail = page.getByTestId('exchange-detail');
    await expect.poll(() => detail.getAttribute('data-exchange-id')).not.toBeNull();
    await detail.getByTestId('tab-checks').click();
    const checks = detail.getByTestId('checks-tab');
    await checks.waitFor({ timeout: 5000 });
    const issue = checks.locator('[data-testid="issue-row"][data-code="unreplaced-macro"]');
    await issue.waitFor();
    expect(await issue.getAttribute('data-param')).toBe('click_id');
    expect(await issue.textContent()).toContain('click_id={click_id}');
    const subid = checks.locator('[data-testid="check-row"][data-name="subid"]');
    expect(await subid.getAttribute('data-status')).toBe('pass');
    expect(await detail.getByTestId('tab-signature').textContent()).toContain('✓');
    await page.screenshot({ path: `${shots}/profiles-08-checks-tab.png` });
  });

  it('the workbench verifies live: the stored secret, then a pasted request signed right', async () => {
    await rowWith('wrong-sig-1').click();
    const detail = page.getByTestId('exchange-detail');
    await detail.getByTestId('tab-signature').click();
    await detail.getByTestId('open-workbench').click();
    const bench = page.getByTestId('workbench');
    await bench.waitFor();
    const result = bench.getByTestId('workbench-result');
    await expect.poll(() => result.getByTestId('canonical-string').textContent().catch(() => null), { timeout: 5000 }).toBe(wrongCanonical());
    expect(await result.getByTestId('signature-status').textContent()).toContain('invalid');
    await page.screenshot({ path: `${shots}/profiles-09-workbench-exchange.png` });

    const target = '/kt?subid=bench-1&status=sale';
    await bench.getByTestId('wb-source-raw').click();
    await bench.getByTestId('wb-raw').fill(`GET ${target}&sig=${sign(target)} HTTP/1.1\nHost: partner.example\n\n`);
    await expect.poll(() => result.getByTestId('signature-status').textContent().catch(() => null), { timeout: 5000 }).toContain('✓ valid');
    expect(await result.getByTestId('canonical-string').textContent()).toBe(target);

    // A different secret typed in the workbench: invalid at once, and the secret never shows.
    await bench.getByTestId('wb-secret').fill('not-the-secret');
    await expect.poll(() => result.getByTestId('signature-status').textContent(), { timeout: 5000 }).toContain('✕ invalid');
    await page.screenshot({ path: `${shots}/profiles-10-workbench-raw.png` });

    // A request that is not HTTP: the error says so inline.
    await bench.getByTestId('wb-raw').fill('not a request');
    await bench.locator('[data-field-error="raw"]').waitFor({ timeout: 5000 });
    expect(await bench.getByTestId('workbench-back').textContent()).toContain('Back to postback');
  });

  it('links a profile from the endpoint settings with a picker', async () => {
    await page.getByTestId('rail-endpoints').click();
    const editor = page.getByTestId('endpoint-editor');
    await editor.waitFor();
    await editor.getByTestId('tab-settings').click();
    const picker = editor.getByTestId('endpoint-profile');
    expect(await picker.locator('option:checked').textContent()).toContain('Keitaro');
    await picker.selectOption('');
    await expect.poll(() => editor.getByTestId('unsaved-badge').count()).toBe(1);
    await editor.getByTestId('endpoint-revert').click();
    expect(await picker.locator('option:checked').textContent()).toContain('Keitaro');
  });

  it('looks right in the dark theme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByTestId('rail-inbox').click();
    await rowWith('wrong-sig-1').click();
    const detail = page.getByTestId('exchange-detail');
    await detail.getByTestId('tab-signature').click();
    await detail.getByTestId('signature-panel').waitFor();
    await page.screenshot({ path: `${shots}/profiles-11-signature-dark.png` });
    await rowWith('macro-2').click();
    await detail.getByTestId('tab-checks').click();
    await detail.getByTestId('checks-tab').waitFor();
    await page.screenshot({ path: `${shots}/profiles-12-checks-dark.png` });
    await page.getByTestId('rail-profiles').click();
    // The workbench stays open across view switches until closed.
    await page.getByTestId('workbench').waitFor();
    await page.screenshot({ path: `${shots}/profiles-13-workbench-dark.png` });
    await page.getByTestId('workbench-close').click();
    await page.getByTestId('profile-select').first().click();
    await page.getByTestId('profile-editor').getByTestId('tab-signature').click();
    await page.screenshot({ path: `${shots}/profiles-14-editor-dark.png` });
  });

  it('deletes a profile with a second click', async () => {
    const editor = page.getByTestId('profile-editor');
    const del = editor.getByTestId('profile-delete');
    await del.click();
    expect(await del.textContent()).toContain('Click again');
    await del.click();
    await expect.poll(async () => (await api<unknown[]>('/api/profiles')).length, { timeout: 5000 }).toBe(0);
    await page.getByTestId('profiles-first-run').waitFor();
  });
});

function wrongCanonical(): string {
  return '/kt?subid=wrong-sig-1&status=sale&payout=2.50&currency=USD';
}
