import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreEvents } from '../../src/events.js';
import { startPipeline } from '../../src/pipeline/pipeline.js';
import { pipelineKey } from '../helpers/core.js';
import type { Baseline, BaselineResult, ExchangeBaselineResults } from '../../src/model/comparison.js';
import type { Endpoint } from '../../src/model/endpoint.js';
import { capture, eventually, json, startDiffCore, type DiffTestCore } from './diff-harness.js';

let tc: DiffTestCore;
let host: string;
let endpoint: Endpoint;
const PROFILE = 7;
const emitted: BaselineResult[] = [];
/** What the checker had stored for each capture at the moment it was committed. */
const atCommit = new Map<number, number>();

beforeAll(async () => {
  tc = await startDiffCore();
  host = `127.0.0.1:${tc.receiverPort}`;
  endpoint = await json<Endpoint>(
    tc.api('/api/endpoints', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'golden', path: '/golden', profileId: PROFILE }) }),
  );
  tc.comparison.events.on('baseline-results', (results) => emitted.push(...results));
  tc.core.events.on('committed', (rows) => {
    for (const row of rows) atCommit.set(row.id, tc.comparison.baselines.resultsOf(row.id).results.length);
  });
});
afterAll(async () => tc.close());

const send = (query: string, path = '/golden'): Promise<number> =>
  capture(tc, `POST ${path}?${query} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\nUser-Agent: partner\r\n`, 'status=approved');
const pin = (scope: string, id: number, exchangeId: number): Promise<Response> =>
  tc.diffApi(`/api/baselines/${scope}/${id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ exchangeId }) });
/** Waits for the checker (it runs after commit, in batches) and returns the results. */
const resultsOf = (id: number): Promise<BaselineResult[]> =>
  eventually(async () => {
    const r = await json<ExchangeBaselineResults>(tc.diffApi(`/api/exchanges/${id}/baseline-result`));
    return r.pending ? undefined : r.results;
  });

describe('golden baselines', () => {
  it('diffs every new capture of the endpoint and of the profile against the pinned one, after commit', async () => {
    const golden = await send('click_id=1&payout=1.50&ts=100');
    const before = await send('click_id=0&payout=9&ts=1');
    const pinned = await json<Baseline>(pin('endpoint', endpoint.id, golden));
    expect(pinned).toMatchObject({ scope: 'endpoint', scopeId: endpoint.id, exchangeId: golden, exchange: { id: golden, url: '/golden?click_id=1&payout=1.50&ts=100' } });
    await json(pin('profile', PROFILE, golden));

    const same = await send('click_id=1&payout=1.50&ts=100');
    const changed = await send('click_id=1&payout=2.00&ts=100');
    expect(await resultsOf(same)).toEqual([
      expect.objectContaining({ exchangeId: same, scope: 'endpoint', scopeId: endpoint.id, baselineExchangeId: golden, matches: true, differences: 0 }),
      expect.objectContaining({ exchangeId: same, scope: 'profile', scopeId: PROFILE, matches: true }),
    ]);
    const [onEndpoint] = await resultsOf(changed);
    expect(onEndpoint).toMatchObject({ matches: false, differences: 1, summary: '1 param changed, headers identical, body identical' });

    // Never on the capture path: nothing was stored when the rows were committed.
    expect(atCommit.get(same)).toBe(0);
    expect(atCommit.get(changed)).toBe(0);
    // Captures from before the pin are not compared.
    expect(await resultsOf(before)).toEqual([]);
    // The list learns about it through the event.
    expect(emitted.filter((r) => r.exchangeId === changed).map((r) => r.differences)).toEqual([1, 1]);

    const page = await json<{ items: BaselineResult[] }>(tc.diffApi(`/api/baseline-results?ids=${same},${changed},${before}`));
    expect(page.items.map((r) => [r.exchangeId, r.scope, r.matches])).toEqual([
      [same, 'endpoint', true],
      [same, 'profile', true],
      [changed, 'endpoint', false],
      [changed, 'profile', false],
    ]);
  });

  it("applies the scope's saved ignore rules", async () => {
    await tc.diffApi(`/api/ignore-rules/endpoint/${endpoint.id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ignore: ['ts'] }) });
    const later = await send('click_id=1&payout=1.50&ts=999');
    const [onEndpoint, onProfile] = await resultsOf(later);
    expect(onEndpoint).toMatchObject({ scope: 'endpoint', matches: true, summary: 'params identical (1 ignored), headers identical, body identical' });
    expect(onProfile).toMatchObject({ scope: 'profile', matches: false, differences: 1 });
  });

  it('lists, replaces and unpins baselines; other endpoints are not compared', async () => {
    const list = await json<Baseline[]>(tc.diffApi('/api/baselines'));
    expect(list.map((b) => [b.scope, b.scopeId])).toEqual([
      ['endpoint', endpoint.id],
      ['profile', PROFILE],
    ]);
    expect(await resultsOf(await send('click_id=1', '/not-golden'))).toEqual([]);

    const newGolden = await send('click_id=2&payout=3');
    await json(pin('endpoint', endpoint.id, newGolden));
    expect((await json<Baseline>(tc.diffApi(`/api/baselines/endpoint/${endpoint.id}`))).exchangeId).toBe(newGolden);
    const next = await send('click_id=2&payout=3');
    expect((await resultsOf(next)).find((r) => r.scope === 'endpoint')).toMatchObject({ baselineExchangeId: newGolden, matches: true });

    expect((await tc.diffApi(`/api/baselines/profile/${PROFILE}`, { method: 'DELETE' })).status).toBe(204);
    expect((await tc.diffApi(`/api/baselines/profile/${PROFILE}`, { method: 'DELETE' })).status).toBe(404);
    expect((await resultsOf(await send('click_id=2&payout=3'))).map((r) => r.scope)).toEqual(['endpoint']);
  });

  it('refuses unknown exchanges, endpoints and scopes', async () => {
    const some = await send('click_id=3');
    expect((await pin('endpoint', endpoint.id, 999999)).status).toBe(404);
    expect((await pin('endpoint', 999999, some)).status).toBe(404);
    expect((await pin('team', 1, some)).status).toBe(400);
    expect((await tc.diffApi(`/api/baselines/endpoint/${endpoint.id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(400);
    expect((await tc.diffApi('/api/exchanges/999999/baseline-result')).status).toBe(404);
  });

  it('checks a capture that follows a deleted one, and unpins a deleted baseline', async () => {
    const pinned = await send('click_id=4&payout=4');
    await json(pin('endpoint', endpoint.id, pinned));
    const victim = await send('click_id=4&payout=5');
    expect(await resultsOf(victim)).toHaveLength(1);
    expect((await tc.api(`/api/exchanges/${victim}`, { method: 'DELETE' })).status).toBe(204);
    // Ids are never reused (AUTOINCREMENT), so the checker's "done through id N" cannot skip one.
    const reused = await send('click_id=4&payout=4');
    expect(reused).toBeGreaterThan(victim);
    expect(await resultsOf(reused)).toEqual([expect.objectContaining({ exchangeId: reused, matches: true })]);

    expect((await tc.api(`/api/exchanges/${pinned}`, { method: 'DELETE' })).status).toBe(204);
    expect((await json<Baseline[]>(tc.diffApi('/api/baselines'))).map((b) => b.exchangeId)).not.toContain(pinned);
  });

  it('catches up after a restart on what arrived while the derivation thread was not running', async () => {
    const golden = await send('click_id=5');
    await json(pin('endpoint', endpoint.id, golden));
    await tc.core.derived.settle();
    await tc.core.derived.close();
    const missed: number[] = [];
    for (let i = 0; i < 5; i++) missed.push(await send(`click_id=5&extra=${i}`));
    expect(tc.comparison.baselines.resultsOf(missed[0]!).results).toEqual([]);
    const events = new CoreEvents();
    const batches: BaselineResult[][] = [];
    events.on('baseline-results', (results) => batches.push(results));
    const restarted = startPipeline({ dbFile: tc.core.dbFile, maxDecodedBytes: 1 << 20, ...pipelineKey(tc.core) }, events);
    try {
      await restarted.settle();
      for (const id of missed) {
        expect(tc.comparison.baselines.resultsOf(id).results).toEqual([
          expect.objectContaining({ exchangeId: id, matches: false, summary: '1 param added, headers identical, body identical' }),
        ]);
      }
      expect(batches.flat().map((r) => r.exchangeId)).toEqual(missed);
    } finally {
      await restarted.close();
    }
  });
});
