/**
 * The scenario runner's control-API client (src/scenario/api-client.ts) against a real core: it
 * calls routes by their name in the shared route table (method, path and answer type from there,
 * the path from the one builder the renderer uses too), reads raw answers as bytes, and turns
 * every refusal into an ApiError that names the route, the status and each refused field.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { Profile } from '../../src/model/profile.js';
import { ApiError, apiClient, type ApiClient } from '../../src/scenario/api-client.js';
import { startCore, type TestCore } from '../helpers/core.js';

let tc: TestCore;
let api: ApiClient;
beforeAll(async () => {
  tc = await startCore();
  api = apiClient(`${tc.core.controlUrl}/`, tc.core.token);
});
afterAll(async () => tc.close());

async function refusal(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('the scenario API client', () => {
  it('calls routes by name: params filled in, the body sent as JSON, the answer typed by the table; a 204 route answers undefined', async () => {
    expect(api.controlUrl).toBe(tc.core.controlUrl);
    const created = await api.call('createProfile', { body: { name: 'Client check', params: [] } });
    expectTypeOf(created).toEqualTypeOf<Profile>();
    expect(created).toMatchObject({ name: 'Client check', params: [] });
    const read = await api.call('getProfile', { params: { id: created.id } });
    expect(read.id).toBe(created.id);
    const updated = await api.call('updateProfile', { params: { id: created.id }, body: { name: 'Client check, renamed', params: [] } });
    expect(updated.name).toBe('Client check, renamed');
    expect(await api.call('deleteProfile', { params: { id: created.id } })).toBeUndefined();
    expect(await api.call('listProfiles')).toEqual([]);
  });

  it('sends the query the route takes, and reads a raw answer as the exact bytes captured', async () => {
    const sent = await fetch(`${tc.core.receiverUrl}/client-check/pb?click_id=a%20b&n=1`, { method: 'POST', headers: { 'X-Check': 'yes' }, body: 'raw body' });
    expect(sent.ok).toBe(true);
    const page = await api.call('listExchanges', { query: { path: '/client-check/pb', limit: 5 } });
    expect(page.items.map((x) => x.url)).toEqual(['/client-check/pb?click_id=a%20b&n=1']);
    const raw = (await api.bytes('getExchangeRaw', { params: { id: page.items[0]!.id } })).toString('latin1');
    expect(raw).toMatch(/^POST \/client-check\/pb\?click_id=a%20b&n=1 HTTP\/1\.1\r\n/);
    expect(raw).toContain('X-Check: yes\r\n');
    expect(raw.endsWith('\r\n\r\nraw body')).toBe(true);
    expect((await api.call('listExchanges', { query: { path: '/elsewhere' } })).items).toEqual([]);
  });

  it('a refusal with fields: ApiError with the status, a message naming the method, the path (no query) and each field, and the parsed body', async () => {
    const invalid = await refusal(api.call('createProfile', { body: { name: '', params: [{ name: '' }] } }));
    expect(invalid.status).toBe(400);
    expect(invalid.message).toBe('POST /api/profiles → 400: name: must not have fewer than 1 characters; params[0].name: must not have fewer than 1 characters');
    expect(invalid.body).toMatchObject({ error: { code: 'INVALID_PROFILE', fields: [{ field: 'name' }, { field: 'params[0].name' }] } });

    const tooMany = await refusal(api.call('listExchanges', { query: { limit: 5000 } }));
    expect(tooMany.status).toBe(400);
    expect(tooMany.message).toMatch(/^GET \/api\/exchanges → 400: limit: /);
  });

  it("a refusal without fields gives the API's message; a wrong token and an app that does not answer say so", async () => {
    const missing = await refusal(api.call('getProfile', { params: { id: 424242 } }));
    expect(missing.status).toBe(404);
    expect(missing.message).toMatch(/^GET \/api\/profiles\/424242 → 404: No such resource/);
    expect(missing.body).toMatchObject({ error: { code: 'NOT_FOUND' } });

    const stale = await refusal(apiClient(tc.core.controlUrl, 'not-the-token').call('getStatus'));
    expect({ status: stale.status, message: stale.message }).toEqual({ status: 401, message: `the control API at ${tc.core.controlUrl} refused the token` });

    const port = await closedPort();
    const gone = await refusal(apiClient(`http://127.0.0.1:${port}`, tc.core.token).bytes('getExchangeRaw', { params: { id: 1 } }));
    expect(gone.status).toBe(0);
    expect(gone.message).toMatch(new RegExp(`^the control API at http://127\\.0\\.0\\.1:${port} did not answer: `));
  });
});

/** A port that was free a moment ago and is closed now: nothing answers there. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
