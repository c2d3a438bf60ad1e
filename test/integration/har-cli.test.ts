/**
 * `export --har` reads a data folder offline (read-only, filters as in the Inbox); `import --har`
 * writes a free folder itself and goes through the running app when the app holds the folder.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runHarExport } from '../../src/cli/har-export-command.js';
import { runHarImport } from '../../src/cli/har-import-command.js';
import type { Har } from '../../src/interop/har/har-types.js';
import { startCore } from '../helpers/core.js';
import { chromiumHar, schemaErrors } from '../helpers/har.js';

const work = mkdtempSync(join(tmpdir(), 'pi-har-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('imports into a closed data folder, then exports it filtered, as valid HAR', async () => {
  const data = join(work, 'data');
  const input = join(work, 'in.har');
  writeFileSync(input, JSON.stringify(chromiumHar()));
  expect(await runHarImport({ har: input, data })).toBe('imported 4 exchanges (1 entries skipped: not http(s) requests)');
  const out = join(work, 'posts.har');
  expect(await runHarExport({ har: out, data, method: 'POST' })).toBe(2);
  const har = JSON.parse(readFileSync(out, 'utf8')) as Har;
  expect(schemaErrors(har)).toEqual([]);
  expect(har.log.entries.map((e) => e.request.url)).toEqual(['https://track.partner.example/postback?click_id=c9f2-77aa&event=purchase&payout=12.50&currency=EUR', 'https://offers.example.net/callback']);
  expect(await runHarExport({ har: out, data, param: ['nope=1'] })).toBe(0);
});

it('refuses a malformed file with its JSON path, and imports through the app that holds the folder', async () => {
  const tc = await startCore();
  try {
    const bad = join(work, 'bad.har');
    writeFileSync(bad, JSON.stringify({ log: { creator: { name: 'x' }, entries: [{}] } }));
    await expect(runHarImport({ har: bad, data: tc.dataDir })).rejects.toThrow('$.log.entries[0].startedDateTime: must be a string');
    const input = join(work, 'in2.har');
    writeFileSync(input, JSON.stringify(chromiumHar()));
    expect(await runHarImport({ har: input, data: tc.dataDir, as: 'templates' })).toMatch(/^imported 4 templates through the running app/);
    expect(tc.core.sender.templates.list()).toHaveLength(4);
  } finally {
    await tc.close();
  }
});
