/**
 * Postman import in the Composer, and a plan run with its files, against `serve` in Chromium:
 * a collection dropped on the Composer becomes templates (listed, the first opened), with the
 * per-item warnings and the variables shown; a malformed one picked with the button is refused with
 * the JSON path of its first problem and adds nothing. In Scenarios, a copied plan dropped together
 * with the golden file it names runs and passes. Both drops go through the one FileDropZone.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, shots } from '../helpers/e2e-session.js';
import type { ServeProcess } from '../helpers/serve-process.js';

let app: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ app, browser, page } = await openSession());
});
afterAll(async () => closeSession({ app, browser }));

const collection = readFileSync(new URL('../fixtures/postman/partner-postbacks.postman_collection.json', import.meta.url), 'utf8');

/** Drops files on a locator as a user's drag from the desktop would (dragover, then drop). */
async function dropFiles(target: Locator, files: Array<{ name: string; type: string; text: string }>): Promise<void> {
  // A string: this file is typed for Node, the page has the DOM.
  const dataTransfer = await page.evaluateHandle(`(() => { const dt = new DataTransfer(); for (const f of ${JSON.stringify(files)}) dt.items.add(new File([f.text], f.name, { type: f.type })); return dt; })()`);
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

describe('Postman import and plan files, through the UI', () => {
  it('a collection dropped on the Composer becomes templates named by their folders, with its warnings and variables', async () => {
    await page.goto(`${app.controlUrl}/#token=${app.token}`);
    await page.getByTestId('rail-composer').click();
    await page.getByTestId('composer-view').waitFor();

    await dropFiles(page.getByTestId('composer-view'), [{ name: 'partner-postbacks.postman_collection.json', type: 'application/json', text: collection }]);
    const result = page.getByTestId('postman-import-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('Imported 6 templates from “Partner postbacks”');
    expect(await page.getByTestId('postman-import-warnings').locator('li').count()).toBe(3);
    expect(await page.getByTestId('postman-import-warnings').textContent()).toContain('Offerwall upload: form-data field "receipt" is a file');
    expect(await page.getByTestId('postman-import-variables').textContent()).toContain('baseUrl (collection value “http://127.0.0.1:4100”)');

    const options = await page.getByTestId('template-select').locator('option').allTextContents();
    expect(options).toEqual(expect.arrayContaining(['AppsFlyer / Install', 'AppsFlyer / Purchase', 'Keitaro / Retries / Conversion (form)', 'Keitaro / Basic health', 'Offerwall upload', 'Signed callback']));
    // The first imported template is open.
    await expect.poll(async () => page.getByTestId('template-select').locator('option:checked').textContent()).toBe('AppsFlyer / Install');
    await page.screenshot({ path: `${shots}/postman-01-imported.png` });
  });

  it('a malformed collection picked with the button is refused with its JSON path; no template is added', async () => {
    const before = await page.getByTestId('template-select').locator('option').count();
    const bad = JSON.parse(collection) as { item: Array<{ item?: Array<{ request: { method: string } }> }> };
    bad.item[0]!.item![1]!.request.method = 'PO ST';
    await page.getByTestId('import-postman-file').setInputFiles({ name: 'bad.postman_collection.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    const error = page.getByTestId('postman-import-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('$.item[0].item[1].request.method: "PO ST" is not an HTTP method');
    expect(await page.getByTestId('template-select').locator('option').count()).toBe(before);
    await page.screenshot({ path: `${shots}/postman-02-refused.png` });
  });

  it('a copied plan dropped with the golden file it names runs from the app and passes', async () => {
    const plan = readFileSync(new URL('../../examples/appsflyer-install-purchase.yaml', import.meta.url), 'utf8');
    const golden = readFileSync(new URL('../../examples/golden/appsflyer-purchase.http', import.meta.url), 'utf8');
    await page.getByTestId('rail-scenarios').click();
    await page.getByTestId('scenarios-view').waitFor();
    const frame = page.locator('.sc-editor-frame');

    // The plan alone: its golden file is not on the app's side, so it is refused at its line.
    await dropFiles(frame, [{ name: 'my-plan.yaml', type: 'application/yaml', text: plan }]);
    // The file is read asynchronously: wait for the view to take it.
    await expect.poll(() => page.getByTestId('scenario-file-name').textContent()).toBe('my-plan.yaml');
    await page.getByTestId('scenario-run').click();
    await page.getByTestId('scenario-plan-error').waitFor();
    expect(await page.getByTestId('scenario-plan-error').textContent()).toContain('no such file: golden/appsflyer-purchase.http');

    // With the file dropped too, it runs and passes.
    await dropFiles(frame, [
      { name: 'my-plan.yaml', type: 'application/yaml', text: plan },
      { name: 'appsflyer-purchase.http', type: 'text/plain', text: golden },
    ]);
    expect(await page.getByTestId('scenario-attachments').textContent()).toContain('appsflyer-purchase.http');
    await page.getByTestId('scenario-run').click();
    await expect.poll(async () => page.getByTestId('scenario-summary').getAttribute('data-status'), { timeout: 30_000 }).toBe('passed');
    await page.screenshot({ path: `${shots}/postman-03-plan-with-files.png` });
  });
});
