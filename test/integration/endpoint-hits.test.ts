/**
 * Issue 13 item 8: fail-first on the fallback (no empty rule needed) and per-endpoint hit counts
 * counted from the exchanges table, with a reset that restarts "recent" and keeps captures.
 * The counts of every endpoint come from one query, and are pushed on the event stream.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EndpointHits, type EndpointHitCount } from '../../src/endpoints/endpoint-hits.js';
import type { Endpoint } from '../../src/model/endpoint.js';
import type { ControlEvent } from '../../src/model/exchange.js';
import { EndpointHitsRepository } from '../../src/store/endpoint-hits-repository.js';
import type { ExchangeRecord } from '../../src/store/exchange-record.js';
import { ExchangesRepository } from '../../src/store/exchanges-repository.js';
import { openDatabase, type Db } from '../../src/store/open-database.js';
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

const record = (endpointId: number | null, direction: 'in' | 'out' = 'in'): ExchangeRecord => ({
  direction, method: 'GET', target: '/pb', path: '/pb', httpVersion: '1.1', rawHeaders: [], contentType: null, body: Buffer.alloc(0), bodySize: 0,
  remoteAddress: '127.0.0.1', remotePort: 1, receivedAt: Date.now(), durationMs: 0, rejected: null, response: null, answeredBy: null, endpointId, correlation: null,
});

/** The database with every statement execution counted: a query per endpoint would show. */
function countingDb(db: Db): { db: Db; runs: () => number } {
  let runs = 0;
  const counted = new Proxy(db, {
    get(target, prop) {
      if (prop !== 'prepare') return Reflect.get(target, prop);
      return (sql: string) =>
        new Proxy(target.prepare(sql), {
          get(statement, name) {
            const value: unknown = Reflect.get(statement, name);
            if (typeof value !== 'function') return value;
            return (...args: unknown[]) => {
              if (name === 'all' || name === 'get' || name === 'run' || name === 'iterate') runs++;
              const out: unknown = value.apply(statement, args);
              // Chained modifiers (pluck, raw…) answer the statement: keep counting through it.
              return out === statement ? counted.prepare(sql) : out;
            };
          },
        });
    },
  });
  return { db: counted, runs: () => runs };
}

describe('hit counts of many endpoints in one query', () => {
  it('counts each endpoint from its own mark, in one statement, exactly as one query per endpoint would', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-hits-'));
    const db = openDatabase(join(dir, 'postbacks.sqlite'));
    try {
      const exchanges = new ExchangesRepository(db);
      // Before the app "starts": stored in total, not recent.
      exchanges.insertMany([record(1), record(1), record(2), record(3), record(null), record(2, 'out')]);
      const { db: counted, runs } = countingDb(db);
      const hits = new EndpointHits(new EndpointHitsRepository(counted), () => exchanges.maxId());
      exchanges.insertMany([record(1), record(2), record(2), record(null), record(2, 'out'), record(3, 'out')]);
      hits.reset(2);
      exchanges.insertMany([record(2), record(1), record(4)]);

      const asked = [3, 1, 2, 4, 5, 1];
      const before = runs();
      const list = hits.list(asked);
      expect(runs() - before).toBe(1);

      // The reference: what one query per endpoint answers (direction 'in' only, by endpoint).
      const total = db.prepare(`SELECT count(*) FROM exchanges WHERE endpoint_id = ? AND direction = 'in'`).pluck();
      const since = db.prepare(`SELECT count(*) FROM exchanges WHERE endpoint_id = ? AND id > ? AND direction = 'in'`).pluck();
      const reference = (id: number, afterId: number) => ({ total: total.get(id) as number, recent: since.get(id, afterId) as number });
      const resetAt = list.find((h) => h.endpointId === 2)!.since;
      const startedAt = list.find((h) => h.endpointId === 1)!.since;
      expect(resetAt).toBeGreaterThanOrEqual(startedAt);
      expect(list).toEqual([
        { endpointId: 3, ...reference(3, 6), since: startedAt },
        { endpointId: 1, ...reference(1, 6), since: startedAt },
        { endpointId: 2, ...reference(2, 12), since: resetAt },
        { endpointId: 4, ...reference(4, 6), since: startedAt },
        { endpointId: 5, total: 0, recent: 0, since: startedAt },
        { endpointId: 1, ...reference(1, 6), since: startedAt },
      ]);
      // Spelled out, so the reference itself is checked: outbound rows and other marks never count.
      expect(list.map((h) => [h.endpointId, h.total, h.recent])).toEqual([[3, 1, 0], [1, 4, 2], [2, 4, 1], [4, 1, 1], [5, 0, 0], [1, 4, 2]]);
      expect(hits.list([])).toEqual([]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The control event stream, collected in the background; `next` waits for a matching event. */
function openEvents(core: TestCore): { next: (match: (e: ControlEvent) => boolean, timeoutMs?: number) => Promise<ControlEvent>; close: () => void } {
  const controller = new AbortController();
  const seen: ControlEvent[] = [];
  let wake = (): void => undefined;
  void (async () => {
    const res = await core.api('/api/events', { signal: controller.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let split: number;
      while ((split = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, split);
        buffer = buffer.slice(split + 2);
        if (frame.startsWith('data: ')) seen.push(JSON.parse(frame.slice(6)) as ControlEvent);
      }
      wake();
    }
  })().catch(() => undefined);
  const next = async (match: (e: ControlEvent) => boolean, timeoutMs = 3000): Promise<ControlEvent> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = seen.findIndex(match);
      if (index >= 0) return seen.splice(0, index + 1).pop()!;
      if (Date.now() > deadline) throw new Error('no matching event in time');
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
    }
  };
  return { next, close: () => controller.abort() };
}

const hitsOfEvent = (e: ControlEvent, id: number): EndpointHitCount | undefined => (e.type === 'endpoint-hits' ? e.items.find((h) => h.endpointId === id) : undefined);

describe('hit counts pushed on the event stream', () => {
  it('pushes the counts of the endpoints captures went to, after a reset and after a delete', async () => {
    const c = await createEndpoint({ name: 'c', path: '/push-c' });
    const d = await createEndpoint({ name: 'd', path: '/push-d' });
    const stream = openEvents(tc);
    try {
      await stream.next((e) => e.type === 'status');
      const started = Date.now();
      await fire('/push-c?n=1');
      await fire('/push-c?n=2');
      const pushed = await stream.next((e) => hitsOfEvent(e, c.id)?.recent === 2);
      expect(Date.now() - started).toBeLessThan(1500);
      // Only the endpoint that changed is recounted, and the push says what the route says.
      expect(pushed.type === 'endpoint-hits' && pushed.items.map((h) => h.endpointId)).toEqual([c.id]);
      expect(hitsOfEvent(pushed, c.id)).toEqual(await hitsOf(c.id));

      expect((await tc.api(`/api/endpoints/${c.id}/hits/reset`, { method: 'POST' })).status).toBe(204);
      expect(hitsOfEvent(await stream.next((e) => hitsOfEvent(e, c.id) !== undefined), c.id)).toMatchObject({ total: 2, recent: 0 });

      await fire('/push-d');
      await stream.next((e) => hitsOfEvent(e, d.id)?.total === 1);
      const newest = (await (await tc.api(`/api/exchanges?endpoint=${d.id}&limit=1`)).json()) as { items: Array<{ id: number; endpointId: number }> };
      expect(newest.items.map((x) => x.endpointId)).toEqual([d.id]);
      expect((await tc.api(`/api/exchanges/${newest.items[0]!.id}`, { method: 'DELETE' })).status).toBe(204);
      // A delete cannot name its endpoints: every endpoint is recounted.
      const afterDelete = await stream.next((e) => hitsOfEvent(e, d.id)?.total === 0);
      expect(hitsOfEvent(afterDelete, c.id)).toMatchObject({ total: 2, recent: 0 });
    } finally {
      stream.close();
    }
  });
});
