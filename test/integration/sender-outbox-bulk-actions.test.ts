import { afterEach, describe, expect, it } from 'vitest';
import type { BulkProgress, BulkRunTally, BulkSummary, OutboxItem, SendResult } from '../../src/model/sender.js';
import type { ExchangeSummary } from '../../src/model/exchange.js';
import { rawRequest, startCore, type TestCore } from '../helpers/core.js';
import { reply, scriptedServer, template, type ScriptedServer } from './sender-helpers.js';

let tc: TestCore | undefined;
let partner: ScriptedServer | undefined;
afterEach(async () => {
  await partner?.close();
  await tc?.close();
  tc = partner = undefined;
});

/** The control API of a real core (its own sender, its delete path), answering JSON. */
async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await tc!.api(path, { method, ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
}

const outbox = async (query = '') => (await call<{ items: OutboxItem[] }>('GET', `/api/outbox${query}`)).json.items;

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function bulk(body: Record<string, unknown>): Promise<BulkSummary> {
  const started = await call<BulkProgress>('POST', '/api/bulk', body);
  expect(started.status).toBe(202);
  return until(async () => (await call<BulkProgress | BulkSummary>('GET', `/api/bulk/${started.json.bulkId}`)).json, (run) => 'deliveryRate' in run) as Promise<BulkSummary>;
}

describe('outbox search', () => {
  it('q finds sends by text in their URL, any case, with % and _ matching themselves', async () => {
    tc = await startCore();
    partner = await scriptedServer((_i, _s, res) => reply(res, 200, 'OK'));
    for (const id of ['Alpha_1', 'beta%2', 'gamma-3']) {
      await call('POST', '/api/send', { template: template({ url: `${partner.url}/pb?click_id=${id}` }), wait: 'first' });
    }
    expect((await outbox('?q=ALPHA')).map((i) => i.url)).toEqual([`${partner.url}/pb?click_id=Alpha_1`]);
    expect((await outbox('?q=a%252')).map((i) => i.url)).toEqual([`${partner.url}/pb?click_id=beta%2`]);
    expect(await outbox('?q=_3')).toEqual([]);
    expect(await outbox('?q=click_id')).toHaveLength(3);
  });
});

describe('retry all failed', () => {
  it('sends every failed send of one bulk run again and answers how many; sends of other runs and single sends are left alone', async () => {
    tc = await startCore();
    let answer = 500;
    partner = await scriptedServer((_i, _s, res) => reply(res, answer, 'x'));
    const runA = await bulk({ template: template({ url: `${partner.url}/a?n={n}` }), count: 3, generators: { n: { kind: 'sequence' } } });
    const runB = await bulk({ template: template({ url: `${partner.url}/b?n={n}` }), count: 2, generators: { n: { kind: 'sequence' } } });
    const single = (await call<SendResult>('POST', '/api/send', { template: template({ url: `${partner.url}/single` }) })).json;
    expect([runA.failed, runB.failed, single.outbox.state]).toEqual([3, 2, 'failed']);

    answer = 200;
    const retried = await call<{ retried: number }>('POST', '/api/outbox/retry-failed', { bulkId: runA.bulkId });
    expect(retried).toEqual({ status: 200, json: { retried: 3 } });
    const ofA = await until(() => outbox(`?bulk=${runA.bulkId}`), (items) => items.every((i) => i.state === 'delivered'));
    expect(ofA.map((i) => i.attempts)).toEqual([2, 2, 2]);
    expect((await outbox(`?bulk=${runB.bulkId}`)).map((i) => i.state)).toEqual(['failed', 'failed']);

    // Without a run: everything failed, the single send included.
    expect((await call<{ retried: number }>('POST', '/api/outbox/retry-failed', {})).json).toEqual({ retried: 3 });
    await until(() => outbox('?state=failed'), (items) => items.length === 0);
    expect((await call<{ retried: number }>('POST', '/api/outbox/retry-failed')).json).toEqual({ retried: 0 });
    expect((await call('POST', '/api/outbox/retry-failed', { bulkId: 7 })).status).toBe(400);
  });
});

describe('bulk attempts and retries', () => {
  it('the summary counts attempts and retried postbacks, and the run tally shows them from the outbox', async () => {
    tc = await startCore();
    // The first two requests fail: conversion 1 is delivered on its third attempt, 2 and 3 at once.
    partner = await scriptedServer((i, _s, res) => reply(res, i < 2 ? 503 : 200, 'x'));
    const run = await bulk({
      template: template({ url: `${partner.url}/pb?n={n}` }),
      count: 3,
      concurrency: 1,
      generators: { n: { kind: 'sequence' } },
      retry: { kind: 'exponential', baseMs: 5, factor: 1, maxAttempts: 3, maxDelayMs: 5, jitter: 0 },
    });
    expect([run.sent, run.delivered, run.failed, run.attempts, run.retried]).toEqual([3, 3, 0, 5, 1]);

    const tallies = (await call<BulkRunTally[]>('GET', '/api/outbox/bulk-runs')).json;
    expect(tallies).toHaveLength(1);
    expect(tallies[0]).toMatchObject({ bulkId: run.bulkId, sends: 3, delivered: 3, failed: 0, open: 0, attempts: 5, retried: 1 });
  });
});

describe('clear finished', () => {
  it('deletes finished sends of one run through the core delete path (the Inbox is told), keeping open sends, other runs and captures', async () => {
    tc = await startCore();
    partner = await scriptedServer((_i, seen, res) => reply(res, seen.url.startsWith('/slow') ? 503 : 200, 'x'));
    const runA = await bulk({ template: template({ url: `${partner.url}/a?n={n}` }), count: 3, generators: { n: { kind: 'sequence' } } });
    const runB = await bulk({ template: template({ url: `${partner.url}/b?n={n}` }), count: 2, generators: { n: { kind: 'sequence' } } });
    // Still retrying an hour from now: not finished, never cleared.
    const open = (await call<SendResult>('POST', '/api/send', { template: template({ url: `${partner.url}/slow`, retry: { kind: 'exponential', baseMs: 3_600_000, factor: 1, maxAttempts: 3, maxDelayMs: 3_600_000 } }) })).json;
    expect(open.outbox.state).toBe('pending');
    await rawRequest(tc.receiverPort, `GET /captured?click_id=c1 HTTP/1.1\r\nHost: x\r\n\r\n`);
    const captures = tc.core.exchanges.list({ limit: 10, direction: 'in' }).map((e) => e.id);
    expect(captures).toHaveLength(1);

    const deletedEvents: number[][] = [];
    tc.core.events.on('deleted', (ids) => deletedEvents.push(ids));
    const exchangesOfA = (await outbox(`?bulk=${runA.bulkId}`)).map((i) => i.exchangeId).sort((a, b) => a - b);
    const cleared = await call<{ deleted: number }>('POST', '/api/outbox/clear-finished', { bulkId: runA.bulkId });
    expect(cleared).toEqual({ status: 200, json: { deleted: 3 } });
    expect(deletedEvents.flat().sort((a, b) => a - b)).toEqual(exchangesOfA);
    expect(await outbox(`?bulk=${runA.bulkId}`)).toEqual([]);
    for (const id of exchangesOfA) expect(tc.core.exchanges.get(id)).toBeNull();
    expect(await outbox(`?bulk=${runB.bulkId}`)).toHaveLength(2);

    // Everything finished: run B goes; the open send and the capture stay.
    expect((await call<{ deleted: number }>('POST', '/api/outbox/clear-finished')).json).toEqual({ deleted: 2 });
    expect((await outbox()).map((i) => i.id)).toEqual([open.outbox.id]);
    expect(tc.core.exchanges.list({ limit: 10, direction: 'in' }).map((e) => e.id)).toEqual(captures);
    expect((await call('GET', '/api/outbox/bulk-runs')).json).toEqual([]);
  });
});

describe('duplicate flag', () => {
  it('compares captures with captures: a replay sent with the same click id is not a duplicate; its arrival is', async () => {
    tc = await startCore();
    await rawRequest(tc.receiverPort, `GET /pb?click_id=dup-1 HTTP/1.1\r\nHost: x\r\n\r\n`);
    const source = tc.core.exchanges.list({ limit: 1, direction: 'in' })[0]!.id;
    // The correlation key is derived after commit; a replay carries it over.
    await until(async () => tc!.core.exchanges.get(source)!.correlation, (c) => c !== null);
    const replay = (await call<SendResult>('POST', `/api/exchanges/${source}/replay`, { url: tc.core.receiverUrl })).json;
    expect(replay.delivered).toBe(true);

    const rows = await until(
      async () => (await call<{ items: ExchangeSummary[] }>('GET', '/api/exchanges?limit=10')).json.items,
      (items) => items.length === 3 && items.filter((i) => i.direction === 'in').every((i) => tc!.core.exchanges.get(i.id)!.correlation !== null),
    );
    const again = (await call<{ items: ExchangeSummary[] }>('GET', '/api/exchanges?limit=10')).json.items;
    const byId = new Map(again.map((r) => [r.id, r]));
    const arrived = rows.find((r) => r.direction === 'in' && r.id !== source)!;
    expect(byId.get(source)!.duplicate).toBe(false);
    expect(byId.get(replay.outbox.exchangeId)!.duplicate).toBe(false);
    expect(byId.get(arrived.id)!.duplicate).toBe(true);
    // So does each detail (it asks the repository on its own).
    expect((await call<{ duplicate: boolean }>('GET', `/api/exchanges/${replay.outbox.exchangeId}`)).json.duplicate).toBe(false);
    expect((await call<{ duplicate: boolean }>('GET', `/api/exchanges/${arrived.id}`)).json.duplicate).toBe(true);
    // The filters say the same: only the second capture.
    expect((await call<{ items: ExchangeSummary[] }>('GET', '/api/exchanges?duplicate=1')).json.items.map((r) => r.id)).toEqual([arrived.id]);
    expect((await call<{ items: ExchangeSummary[] }>('GET', `/api/exchanges?filter=${encodeURIComponent('dup')}`)).json.items.map((r) => r.id)).toEqual([arrived.id]);
  });
});
