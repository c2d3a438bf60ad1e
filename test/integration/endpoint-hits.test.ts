/**
 * Issue 13 item 8: fail-first on the fallback (no empty rule needed) and per-endpoint hit counts
 * counted from the exchanges table, with a reset that restarts "recent" and keeps captures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointHitCount } from '../../src/endpoints/endpoint-hits.js';
import type { Endpoint } from '../../src/model/endpoint.js';
import { startCore, type TestCore } from '../helpers/core.js';

let tc: TestCore;
beforeAll(async () => {
  tc = await startCore();
});
afterAll(async () => tc.close());

const json = { 'Content-Type': 'application/json' };

async function createEndpoint(body: unknown): Promise<Endpoint> {
  const res = await tc.api('/api/endpoints', { method: 'POST', headers: json, body: JSON.stringify(body) });
  const out = (await res.json()) as Endpoint;
  if (res.status !== 201) throw new Error(`create failed: ${JSON.stringify(out)}`);
  return out;
}

const fire = async (path: string): Promise<number> => (await fetch(`http://127.0.0.1:${tc.receiverPort}${path}`)).status;
const hits = async (): Promise<EndpointHitCount[]> => (await (await tc.api('/api/endpoints/hits')).json()) as EndpointHitCount[];
const hitsOf = async (id: number): Promise<EndpointHitCount | undefined> => (await hits()).find((h) => h.endpointId === id);

describe('fallback failure and hit counts', () => {
  it('fails the first 2 on the fallback itself, then answers the fallback', async () => {
    const ep = await createEndpoint({
      name: 'retry test', path: '/ff', rules: [],
      fallback: { status: 200, headers: [], body: 'OK' },
      fallbackFailure: { mode: 'fail-first', count: 2 },
    });
    expect(ep.fallbackFailure).toEqual({ mode: 'fail-first', count: 2 });
    expect([await fire('/ff?n=1'), await fire('/ff?n=2'), await fire('/ff?n=3')]).toEqual([500, 500, 200]);
  });

  it('refuses a fail-first without a count on the fallback, naming the field', async () => {
    const res = await tc.api('/api/endpoints', { method: 'POST', headers: json, body: JSON.stringify({ name: 'x', path: '/x', fallbackFailure: { mode: 'fail-first' } }) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('fallbackFailure.count');
  });

  it('counts captures per endpoint from the store; a reset restarts the recent count and keeps the total', async () => {
    const a = await createEndpoint({ name: 'a', path: '/hits-a' });
    const b = await createEndpoint({ name: 'b', path: '/hits-b' });
    for (let i = 0; i < 3; i++) await fire(`/hits-a?i=${i}`);
    await fire('/hits-b');
    await fire('/nowhere'); // no endpoint: counted nowhere
    await expect.poll(async () => (await hitsOf(a.id))?.total, { timeout: 5000 }).toBe(3);
    expect(await hitsOf(a.id)).toMatchObject({ total: 3, recent: 3 });
    expect(await hitsOf(b.id)).toMatchObject({ total: 1, recent: 1 });

    const reset = await tc.api(`/api/endpoints/${a.id}/hits/reset`, { method: 'POST' });
    expect(reset.status).toBe(204);
    expect(await hitsOf(a.id)).toMatchObject({ total: 3, recent: 0 });
    await fire('/hits-a?i=after');
    await expect.poll(async () => (await hitsOf(a.id))?.recent, { timeout: 5000 }).toBe(1);
    expect((await hitsOf(a.id))?.total).toBe(4);
    // The other endpoint's counter is untouched by a's reset.
    expect(await hitsOf(b.id)).toMatchObject({ total: 1, recent: 1 });
    expect((await tc.api('/api/endpoints/99999/hits/reset', { method: 'POST' })).status).toBe(404);
  });
});
