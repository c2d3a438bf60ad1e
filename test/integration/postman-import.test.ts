/**
 * POST /api/import/postman and `import --postman`: a Postman Collection v2.1 becomes Composer
 * templates in one transaction; a malformed one is refused whole with the JSON path of its first
 * problem and nothing is written; the CLI writes a free data folder itself and goes through the
 * app that holds one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runPostmanImport } from '../../src/cli/postman-import-command.js';
import type { PostmanImportResult } from '../../src/model/postman-import.js';
import type { Template } from '../../src/model/sender.js';
import { openDatabase } from '../../src/store/open-database.js';
import { TemplatesRepository } from '../../src/store/templates-repository.js';
import { startCore, type TestCore } from '../helpers/core.js';

const fixturePath = join(import.meta.dirname, '..', 'fixtures', 'postman', 'partner-postbacks.postman_collection.json');
const fixture = (): Record<string, unknown> => JSON.parse(readFileSync(fixturePath, 'utf8')) as Record<string, unknown>;
const work = mkdtempSync(join(tmpdir(), 'pi-postman-'));

let tc: TestCore;
beforeAll(async () => {
  tc = await startCore();
});
beforeEach(() => {
  for (const t of tc.core.sender.templates.list()) tc.core.sender.templates.delete(t.id);
});
afterAll(async () => {
  await tc.close();
  rmSync(work, { recursive: true, force: true });
});

const post = (body: unknown): Promise<Response> => tc.api('/api/import/postman', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('POST /api/import/postman', () => {
  it('stores every request as a template and answers with the report', async () => {
    const response = await post(fixture());
    expect(response.status).toBe(201);
    const result = (await response.json()) as PostmanImportResult;
    expect(result.collection).toBe('Partner postbacks');
    expect(result.templates.map((t) => t.name)).toEqual(['AppsFlyer / Install', 'AppsFlyer / Purchase', 'Keitaro / Retries / Conversion (form)', 'Keitaro / Basic health', 'Offerwall upload', 'Signed callback']);
    expect(result.warnings).toHaveLength(3);
    expect(result.variables.find((v) => v.name === 'click_id')).toEqual({ name: 'click_id', value: null, declared: false, usedBy: 3 });

    const stored = (await (await tc.api(`/api/templates/${result.templates[2]!.id}`)).json()) as Template;
    expect(stored).toMatchObject({ method: 'POST', url: 'http://tracker.example/postback?api_key=k-777', bodyMode: 'form', body: 'subid={{click_id}}&status=sale&note=first%20try%20%26%20more', dialect: 'double-curly' });
  });

  it('refuses a malformed collection whole (400, the JSON path of the first problem) and writes nothing', async () => {
    const bad = fixture();
    // The first three requests are fine; the fourth item's URL is a number.
    ((bad['item'] as Array<Record<string, unknown>>)[3]!['request'] as Record<string, unknown>)['url'] = 42;
    const response = await post(bad);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string; fields: Array<{ field: string; message: string }> } };
    expect(body.error.code).toBe('INVALID_POSTMAN_COLLECTION');
    expect(body.error.fields[0]!.field).toBe('$.item[3].request.url');
    expect(body.error.message).toContain('$.item[3].request.url: must be a URL string or an object');
    expect(tc.core.sender.templates.list()).toEqual([]);
  });

  it('is listed in the OpenAPI description', async () => {
    const doc = (await (await tc.api('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/import/postman');
  });
});

describe('postback-inspector import --postman', () => {
  it('through the app that holds the data folder, with warnings and variables in the lines printed', async () => {
    const lines = await runPostmanImport({ postman: fixturePath, data: tc.dataDir });
    expect(lines).toMatch(/^imported 6 templates from "Partner postbacks" through the running app \(pid \d+\)\n3 warning\(s\):\n {2}AppsFlyer \/ Purchase \(\$\.item\[0\]\.item\[1\]\): its pre-request script is not run/);
    expect(lines).toContain('  {{token}}: collection value "t0k3n", used by 2 template(s)');
    expect(tc.core.sender.templates.list()).toHaveLength(6);
  });

  it('into a free data folder, all or nothing', async () => {
    const data = join(work, 'free');
    expect((await runPostmanImport({ postman: fixturePath, data })).split('\n')[0]).toBe('imported 6 templates from "Partner postbacks"');
    const bad = join(work, 'bad.json');
    const collection = fixture();
    (collection['item'] as unknown[]).push({ name: 'broken', request: { url: 'http://h/', method: 'GET', header: 'x' }, event: 'nope' });
    writeFileSync(bad, JSON.stringify(collection));
    await expect(runPostmanImport({ postman: bad, data })).rejects.toThrow('$.item[4].event: must be an array');
    const db = openDatabase(join(data, 'postbacks.sqlite'));
    try {
      expect(new TemplatesRepository(db).list()).toHaveLength(6);
    } finally {
      db.close();
    }
  });
});
