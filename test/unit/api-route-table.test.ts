/**
 * The shared route table (src/shared/api/) is the control API's contract: every route Fastify
 * serves under /api/ is in it (or is one of the named event streams), and every route in it is
 * served, so the renderer's typed calls cannot drift from the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildControlServer } from '../../src/control/control-server.js';
import { apiRoutes, streamPaths } from '../../src/shared/api/index.js';
import { startCore, type TestCore } from '../helpers/core.js';

let tc: TestCore;
beforeAll(async () => {
  tc = await startCore();
});
afterAll(async () => tc.close());

/** Served but deliberately not in the table: the description of the table itself. */
const outsideTable = ['GET /api/openapi.json'];

async function registeredApiRoutes(): Promise<string[]> {
  const app = buildControlServer(tc.core);
  const seen: string[] = [];
  // The /api routes are registered inside a plugin, so they load at ready(), after this hook.
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD' && route.url.startsWith('/api/')) seen.push(`${method} ${route.url}`);
  });
  await app.ready();
  await app.close();
  return seen;
}

describe('the control API route table', () => {
  it('lists exactly the routes Fastify serves under /api/', async () => {
    const served = new Set(await registeredApiRoutes());
    const declared = new Set([...Object.values(apiRoutes).map((r) => `${r.method} ${r.path}`), ...Object.values(streamPaths).map((p) => `GET ${p}`), ...outsideTable]);
    expect([...served].filter((r) => !declared.has(r)).sort()).toEqual([]);
    expect([...declared].filter((r) => !served.has(r)).sort()).toEqual([]);
  });

  it('names each route once', () => {
    const keys = Object.values(apiRoutes).map((r) => `${r.method} ${r.path}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it('documents each route in /api/openapi.json with its success answer and the shared error shape', async () => {
    const doc = (await (await tc.api('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>> };
    for (const route of Object.values(apiRoutes)) {
      const operation = doc.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(Object.keys(operation!.responses)).toEqual(expect.arrayContaining([String(route.status), '4XX']));
      if ('body' in route || 'input' in route) expect(operation!.requestBody, `${route.method} ${route.path} body`).toBeDefined();
    }
  });
});

describe('routes registered from the table', () => {
  const post = (path: string, body: unknown) => tc.api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it("turn a schema refusal into the catalogue's shape, naming the field", async () => {
    const missing = await post('/api/tunnel/start', {});
    expect(missing.status).toBe(400);
    const body = (await missing.json()) as { error: { code: string; message: string; fields: Array<{ field: string; message: string }> } };
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.fields).toEqual([{ field: 'kind', message: expect.any(String) }]);

    const tooMany = await tc.api('/api/exchanges?limit=5000');
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { fields: Array<{ field: string }> } }).error.fields.map((f) => f.field)).toEqual(['limit']);
  });

  it("answer with the table's success status, and every field the loose response schema does not list", async () => {
    expect(await (await tc.api('/api/settings/startup')).json()).toEqual(JSON.parse(JSON.stringify(tc.core.startup.view())));
    const created = await post('/api/profiles', { name: 'Contract check', params: [] });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: number }).id;
    const deleted = await tc.api(`/api/profiles/${id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
  });
});
