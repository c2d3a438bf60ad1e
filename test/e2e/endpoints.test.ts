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

async function fire(query: string): Promise<{ status: number; body: string }> {
  // Keitaro's postback URL carries the tracker's postback key as its first segment.
  const res = await fetch(`${app.receiverUrl}/keitaro/pbkey/postback?${query}`);
  return { status: res.status, body: await res.text() };
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Status cells of the newest `n` Inbox rows, oldest first. */
async function latestStatuses(n: number): Promise<string[]> {
  const rows = page.getByTestId('exchange-row');
  const texts: string[] = [];
  for (let i = 0; i < n; i++) texts.push(((await rows.nth(i).locator('.cell-status').textContent()) ?? '').trim());
  return texts.reverse();
}

describe('endpoints view against `serve`', () => {
  it('adds the Keitaro preset; a postback gets OK and is tagged with the endpoint in the Inbox', async () => {
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('rail-endpoints').click();
    await page.getByTestId('endpoints-first-run').waitFor();
    await page.getByTestId('preset-keitaro').waitFor();
    await page.screenshot({ path: `${shots}/endpoints-01-first-run.png` });

    // "Add from preset" in the toolbar: label, description and source link for each.
    await page.getByTestId('add-from-preset').click();
    const popover = page.getByRole('dialog', { name: 'Add an endpoint from a partner preset' });
    const card = popover.getByTestId('preset-keitaro');
    await card.waitFor();
    expect(await card.textContent()).toContain('Keitaro tracker postback');
    expect(await card.locator('a').getAttribute('href')).toMatch(/^https:\/\/docs\.keitaro\.io\//);
    await page.screenshot({ path: `${shots}/endpoints-02-presets.png` });
    await card.getByTestId('add-preset-keitaro').click();

    const editor = page.getByTestId('endpoint-editor');
    await editor.waitFor();
    expect(await editor.locator('.ep-editor-name').textContent()).toBe('Keitaro postback');
    const row = page.getByTestId('endpoint-row').first();
    expect(await row.textContent()).toContain('/keitaro/:key/postback');
    expect(await row.textContent()).toContain('keitaro');
    expect(await row.textContent()).toContain('3 rules');

    // Keitaro answers custom text only when asked with return=.
    const res = await fire('subid=s-1&status=sale&payout=2.5&return=OK');
    expect(res).toEqual({ status: 200, body: 'OK' });

    await page.getByTestId('rail-inbox').click();
    const captured = page.getByTestId('exchange-row').filter({ hasText: 's-1' }).first();
    await captured.waitFor({ timeout: 5000 });
    const badge = captured.getByTestId('endpoint-badge');
    await expect.poll(async () => badge.textContent(), { timeout: 5000 }).toBe('Keitaro postback');
    expect(await captured.locator('.cell-status').textContent()).toContain('200');
    await page.screenshot({ path: `${shots}/endpoints-03-inbox-tagged.png` });
  });

  it('edits the endpoint in the UI to fail the first 2; three postbacks show 500, 500, 200 in the Inbox', async () => {
    await page.getByTestId('rail-endpoints').click();
    const editor = page.getByTestId('endpoint-editor');
    await editor.waitFor();
    await editor.getByTestId('tab-rules').click();
    await editor.getByTestId('add-rule').click();
    const rule = editor.getByTestId('rule-card').last();
    await rule.getByLabel('Rule 4 name').fill('fail first 2');
    await rule.getByTestId('failure-mode').selectOption('fail-first');
    await rule.getByTestId('failure-count').fill('2');
    await expect.poll(async () => editor.getByTestId('unsaved-badge').count()).toBe(1);
    await page.screenshot({ path: `${shots}/endpoints-04-rule-editor.png` });

    // Ctrl+S saves from anywhere in the editor.
    await page.keyboard.press('Control+s');
    await editor.getByTestId('saved-note').waitFor({ timeout: 5000 });
    expect(await editor.getByTestId('unsaved-badge').count()).toBe(0);
    expect(await page.getByTestId('endpoint-row').first().textContent()).toContain('4 rules');

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fire(`subid=s-${i + 2}&status=sale&payout=1`)).status);
    expect(statuses).toEqual([500, 500, 200]);

    await page.getByTestId('rail-inbox').click();
    await page.getByTestId('exchange-row').filter({ hasText: 's-4' }).first().waitFor({ timeout: 5000 });
    await expect.poll(() => latestStatuses(3), { timeout: 5000 }).toEqual(['500', '500', '200']);
    const tagged = await page.getByTestId('exchange-row').filter({ hasText: 's-2' }).first().getByTestId('endpoint-badge').textContent();
    expect(tagged).toBe('Keitaro postback');
    await page.screenshot({ path: `${shots}/endpoints-05-inbox-500-500-200.png` });

    // Reset counters restarts fail-first.
    await page.getByTestId('rail-endpoints').click();
    await page.getByTestId('endpoint-reset').click();
    await page.getByTestId('endpoint-action-note').waitFor();
    expect((await fire('subid=s-9&status=sale')).status).toBe(500);
  });

  it('shows a server field error next to the field it names, keeps the edits, and saves once fixed', async () => {
    await page.getByTestId('endpoint-new').click();
    const editor = page.getByTestId('endpoint-editor');
    await expect.poll(async () => editor.getAttribute('data-endpoint-key')).toBe('new');
    await editor.getByTestId('tab-settings').click();
    await editor.getByTestId('endpoint-name').fill('Regex check');
    await editor.getByTestId('endpoint-path').fill('/regex-check');
    await editor.getByTestId('tab-rules').click();
    await editor.getByTestId('add-rule').click();
    await editor.getByTestId('add-condition').click();
    const condition = editor.getByTestId('condition-row').first();
    await condition.getByTestId('condition-name').fill('click_id');
    await condition.getByTestId('condition-op').selectOption('matches');
    await condition.getByTestId('condition-value').fill('([a-z');
    await editor.getByTestId('endpoint-save').click();

    const fieldError = condition.locator('[data-field-error="rules[0].conditions[0].value"]');
    await fieldError.waitFor({ timeout: 5000 });
    expect(await fieldError.textContent()).toContain('invalid regular expression');
    const valueInput = condition.getByTestId('condition-value');
    expect(await valueInput.getAttribute('aria-invalid')).toBe('true');
    expect(await valueInput.inputValue()).toBe('([a-z');
    expect(await editor.getByTestId('save-error').textContent()).toContain('rules[0].conditions[0].value');
    expect(await editor.getByTestId('tab-rules').textContent()).toContain('✕ 1');
    await page.screenshot({ path: `${shots}/endpoints-06-field-error.png` });

    // The JSON tab lists the same error with its line.
    await editor.getByTestId('tab-json').click();
    const jsonErrors = editor.getByTestId('json-errors');
    await jsonErrors.waitFor();
    expect(await jsonErrors.textContent()).toContain('rules[0].conditions[0].value');
    expect(await jsonErrors.textContent()).toMatch(/line \d+/);
    expect(await editor.getByTestId('endpoint-json').inputValue()).toContain('([a-z');
    await page.screenshot({ path: `${shots}/endpoints-07-json-error.png` });

    // Nothing was created by the refused save.
    expect(await page.getByTestId('endpoint-row').count()).toBe(1);

    await editor.getByTestId('tab-rules').click();
    await valueInput.fill('^[a-z]+$');
    expect(await condition.locator('[data-field-error]').count()).toBe(0);
    await page.keyboard.press('Control+s');
    await expect.poll(async () => page.getByTestId('endpoint-row').count(), { timeout: 5000 }).toBe(2);
    await expect.poll(async () => editor.getAttribute('data-endpoint-key')).not.toBe('new');
    expect(await page.getByTestId('save-error').count()).toBe(0);
  });

  it('reorders with the arrows (PUT position), duplicates, and deletes with a second click', async () => {
    const api = async (path: string, init: RequestInit = {}) =>
      (await fetch(`${app.controlUrl}${path}`, { ...init, headers: { Authorization: `Bearer ${app.token}` } })).json() as Promise<Array<{ id: number; name: string }>>;
    const names = async () => (await api('/api/endpoints')).map((e) => e.name);
    expect(await names()).toEqual(['Keitaro postback', 'Regex check']);

    await page.getByTestId('endpoint-row').nth(1).getByTestId('endpoint-up').click();
    await expect.poll(names, { timeout: 5000 }).toEqual(['Regex check', 'Keitaro postback']);
    expect(await page.getByTestId('endpoint-row').first().textContent()).toContain('Regex check');

    await page.getByTestId('endpoint-row').first().getByTestId('endpoint-select').click();
    await page.getByTestId('endpoint-duplicate').click();
    await expect.poll(names, { timeout: 5000 }).toEqual(['Regex check', 'Keitaro postback', 'Regex check (copy)']);
    const editor = page.getByTestId('endpoint-editor');
    await expect.poll(async () => editor.locator('.ep-editor-name').textContent()).toBe('Regex check (copy)');
    // The copy starts disabled: the switch in its row says so in words.
    expect(await page.getByTestId('endpoint-row').nth(2).getByTestId('endpoint-enabled').textContent()).toBe('off');

    const del = editor.getByTestId('endpoint-delete');
    await del.click();
    expect(await del.textContent()).toContain('Click again');
    expect(await names()).toHaveLength(3);
    await del.click();
    await expect.poll(names, { timeout: 5000 }).toEqual(['Regex check', 'Keitaro postback']);
    await expect.poll(async () => page.getByTestId('endpoint-row').count(), { timeout: 5000 }).toBe(2);
  });

  it('exports to a JSON file, and an import of a bad file names the failing fields and saves nothing', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('endpoint-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^endpoints-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(await streamText(await download.createReadStream())) as { endpoints: Array<{ name: string; path: string }> };
    expect(exported.endpoints.map((e) => e.name)).toEqual(['Regex check', 'Keitaro postback']);

    const bad = {
      endpoints: [
        { name: 'Fine', path: '/fine' },
        { name: 'Broken', path: '/broken', rules: [{ conditions: [{ source: 'query', name: 'x', op: 'matches', value: '(' }], responses: [{ status: 200, body: '{{nope}}' }] }] },
      ],
    };
    await page.getByTestId('endpoint-import-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    const importError = page.getByTestId('import-error');
    await importError.waitFor();
    const text = (await importError.textContent()) ?? '';
    expect(text).toContain('#2 “Broken”');
    expect(text).toContain('rules[0].conditions[0].value');
    expect(text).toContain('rules[0].responses[0].body');
    expect(await page.getByTestId('endpoint-row').count()).toBe(2);

    const good = { endpoints: [{ ...exported.endpoints[1]!, name: 'Imported Keitaro', path: '/imported' }] };
    await page.getByTestId('endpoint-import-file').setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
    await page.getByTestId('import-ok').waitFor();
    await expect.poll(async () => page.getByTestId('endpoint-row').count()).toBe(3);
    expect(await page.getByTestId('endpoint-row').nth(2).textContent()).toContain('Imported Keitaro');
  });

  it('looks right in both themes', async () => {
    await page.getByTestId('endpoint-row').first().getByTestId('endpoint-select').click();
    await page.getByTestId('endpoint-editor').getByTestId('tab-rules').click();
    await page.screenshot({ path: `${shots}/endpoints-08-light.png` });
    // system (light here) → light → dark
    await page.getByTestId('theme-toggle').click();
    await page.getByTestId('theme-toggle').click();
    await expect.poll(async () => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.screenshot({ path: `${shots}/endpoints-09-dark.png` });
    await page.getByTestId('rail-inbox').click();
    await page.screenshot({ path: `${shots}/endpoints-10-inbox-dark.png` });
  });
});
