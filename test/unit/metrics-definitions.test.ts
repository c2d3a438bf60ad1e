/**
 * Each KPI definition against a hand-computed fixture, through the real pipeline (stores → facts →
 * rollups → query) on an in-memory SQLite. The numbers in the comments are worked out by hand.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMetrics, type Metrics } from '../../src/metrics/index.js';
import type { MetricsFilter } from '../../src/model/metrics.js';
import type { OutboxSettings, OutboxState } from '../../src/model/sender.js';
import { AttemptsRepository } from '../../src/store/attempts-repository.js';
import type { ExchangeRecord } from '../../src/store/exchange-record.js';
import { ExchangesRepository } from '../../src/store/exchanges-repository.js';
import { openDatabase, type Db } from '../../src/store/open-database.js';
import { OutboxRepository } from '../../src/store/outbox-repository.js';
import { SearchIndexer } from '../../src/store/search-indexer.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const all: MetricsFilter = { from: T0 - 3_600_000, to: T0 + 3_600_000, direction: null, endpointId: null, profileId: null, templateId: null };
const settings: OutboxSettings = { retry: { kind: 'none' }, success: { status: '2xx' }, timeoutMs: 1000, followRedirects: false, insecureTls: false, timeScale: 1 };

let db: Db;
let exchanges: ExchangesRepository;
let outbox: OutboxRepository;
let attempts: AttemptsRepository;
let indexer: SearchIndexer;
let metrics: Metrics;

function record(direction: 'in' | 'out', target: string, at: number, status: number | null): ExchangeRecord {
  return {
    direction, method: 'GET', target, path: target.split('?')[0]!, httpVersion: '1.1', rawHeaders: [['Host', 'x']], contentType: null,
    body: Buffer.alloc(0), bodySize: 0, remoteAddress: '127.0.0.1', remotePort: 1, receivedAt: at, durationMs: 1, rejected: null,
    response: status === null ? null : { status, rawHeaders: [], body: Buffer.alloc(0) }, answeredBy: null, endpointId: null, correlation: null,
  };
}

type Try = { status: number | null; errorCode?: string; outcome: 'delivered' | 'retry' | 'failed' };

/** An outbound postback with its outbox row and attempts, as the sender records them. */
function send(key: string, query: string, enqueuedAt: number, state: OutboxState, tries: Try[], deliveredAt: number | null = null): number {
  const exchangeId = exchanges.insertMany([record('out', `/pb?click_id=${key}&${query}`, enqueuedAt, tries.at(-1)?.status ?? null)])[0]!;
  outbox.linkExchangeTemplate(exchangeId, 1);
  const outboxId = outbox.insert({ exchangeId, templateId: null, sourceExchangeId: null, bulkId: null, method: 'GET', url: 'http://p/pb', transport: 'pooled', state, nextAttemptAt: null, createdAt: enqueuedAt, idempotencyKey: key, correlation: key, circuitKey: null, settings });
  tries.forEach((t, i) =>
    attempts.insert({ outboxId, number: i + 1, startedAt: enqueuedAt, durationMs: 5, status: t.status, error: null, errorCode: t.errorCode ?? null, outcome: t.outcome, verdict: '', nextAttemptAt: null, responseHeaders: null, responseBody: null, responseTruncated: false }),
  );
  outbox.finish({ id: outboxId, state, attempts: tries.length, nextAttemptAt: null, lastStatus: tries.at(-1)?.status ?? null, lastError: null, deliveredAt, updatedAt: enqueuedAt });
  return exchangeId;
}

function capture(query: string, at: number, status: number, verdict: 'pass' | 'fail' | 'none' | null): number {
  const id = exchanges.insertMany([record('in', `/pb?${query}`, at, status)])[0]!;
  if (verdict) db.prepare(`INSERT INTO verdicts (exchange_id, status, signature, failures, warnings, profile_id, detail, computed_at) VALUES (?, ?, 'none', 0, 0, NULL, '{}', 0)`).run(id, verdict);
  return id;
}

function settle(): void {
  indexer.drain();
  metrics.drain();
}

const ids: Record<string, number> = {};

beforeEach(() => {
  db = openDatabase(':memory:');
  exchanges = new ExchangesRepository(db);
  outbox = new OutboxRepository(db);
  attempts = new AttemptsRepository(db);
  indexer = new SearchIndexer(db, { batchSize: 100, maxDecodedBytes: 1 << 20 });
  handlers.clear();
  metrics = createMetrics({ db, events: fakeEvents });
  metrics.start();
  db.prepare(`INSERT INTO templates (id, name, spec, created_at, updated_at) VALUES (1, 't', '{}', 0, 0)`).run();
  // Sender side
  ids.A = send('a1', 'event=install&payout=1.50&currency=USD', T0, 'delivered', [{ status: 200, outcome: 'delivered' }], T0 + 2000);
  ids.B = send('b1', 'event=purchase&payout=5.00&currency=EUR', T0 + 1000, 'delivered', [{ status: 503, outcome: 'retry' }, { status: null, errorCode: 'UND_ERR_HEADERS_TIMEOUT', outcome: 'retry' }, { status: 200, outcome: 'delivered' }], T0 + 60_000);
  ids.C = send('c1', 'event=install&payout=2', T0 + 1500, 'failed', [{ status: 500, outcome: 'retry' }, { status: 502, outcome: 'retry' }, { status: 404, outcome: 'failed' }]);
  ids.D = send('a1', 'event=install&payout=1.50&currency=USD', T0 + 3000, 'delivered', [{ status: 200, outcome: 'delivered' }], T0 + 3500);
  ids.E = send('e1', 'event=install', T0 + 4000, 'pending', [{ status: null, errorCode: 'ECONNREFUSED', outcome: 'retry' }]);
  // Receiver side
  ids.I1 = capture(`click_id=a1&event=install&payout=1.50&currency=USD&ts=${T0 / 1000}`, T0 + 2000, 200, 'pass');
  ids.I2 = capture('click_id=b1&event=purchase&payout=5.00&currency=USD', T0 + 61_000, 200, 'pass');
  ids.I3 = capture('click_id=b1&event=purchase&payout=5.00&currency=USD', T0 + 62_000, 200, 'pass');
  ids.I4 = capture('click_id=z9&event=install&payout={payout}', T0 + 5000, 500, 'fail');
  ids.I5 = capture(`event=open&ts=${T0 + 4000}`, T0 + 10_000, 200, 'none');
  settle();
});
afterEach(() => {
  metrics.close();
  db.close();
});

describe('sender side', () => {
  it('delivery rate = delivered conversions ÷ conversions; retries and the re-send of a1 count once, pending as not delivered', () => {
    const s = metrics.query(all).sender;
    // Sends: five; conversions: a1 (sent twice: A and D), b1, c1, e1; delivered among them: a1, b1.
    expect(s.totals).toMatchObject({ n: 5, delivered: 3, failed: 1, pending: 1, conversions: 4, conversionsDelivered: 2 });
    expect(s.deliveryRate).toBeCloseTo(2 / 4);
  });

  it('attempts per delivery = attempts of delivered postbacks ÷ delivered (1 + 3 + 1) / 3', () => {
    const s = metrics.query(all).sender;
    expect(s.totals.attempts).toBe(9);
    expect(s.attemptsPerDelivery).toBeCloseTo(5 / 3);
  });

  it('response time from enqueue to successful delivery: 500, 2000, 59 000 ms → p50 2000, p90 59 000, mean 20 500', () => {
    const rt = metrics.query(all).sender.responseTime!;
    expect(rt).toMatchObject({ p50: 2000, p90: 59_000, p99: 59_000, count: 3, exact: true });
    expect(rt.mean).toBeCloseTo(20_500);
  });

  it('failure reasons per failed attempt: timeout 1, 5xx 3, 4xx 1, connection 1', () => {
    expect(metrics.query(all).sender.totals).toMatchObject({ timeout: 1, status5xx: 3, status4xx: 1, connection: 1, ruleMismatch: 0 });
  });

  it('duplicate rate: the second send of a1/install is a repeat: 1 ÷ 5', () => {
    expect(metrics.query(all).sender.duplicateRate).toBeCloseTo(0.2);
  });

  it('a retry that delivers later is picked up from the outbox (trigger), not re-counted', () => {
    const outboxId = db.prepare('SELECT id FROM outbox WHERE exchange_id = ?').pluck().get(ids.E) as number;
    outbox.finish({ id: outboxId, state: 'delivered', attempts: 2, nextAttemptAt: null, lastStatus: 200, lastError: null, deliveredAt: T0 + 9000, updatedAt: T0 + 9000 });
    settle();
    const s = metrics.query(all).sender;
    expect(s.totals).toMatchObject({ n: 5, delivered: 4, pending: 0, attempts: 10 });
    expect(s.responseTime).toMatchObject({ count: 4, p50: 2000 });
  });
});

describe('receiver side', () => {
  it('delivery rate = expected conversions that arrived ÷ expected (our first sends with a key): a1, b1 of a1, b1, c1, e1', () => {
    const r = metrics.query(all).receiver;
    expect(r.totals).toMatchObject({ expected: 0 });
    expect(metrics.query(all).sender.totals).toMatchObject({ expected: 4, arrived: 2 });
    expect(r.deliveryRate).toBeCloseTo(2 / 4);
  });

  it('response time from the conversion (ts param, else our send’s enqueue) to the first capture: 2000, 6000, 60 000', () => {
    const rt = metrics.query(all).receiver.responseTime!;
    expect(rt).toMatchObject({ p50: 6000, p90: 60_000, count: 3 });
    expect(rt.mean).toBeCloseTo(68_000 / 3);
  });

  it('accuracy = pass and matching the expected values ÷ judged: only I1 (I2/I3 say USD where we sent EUR) → 1 ÷ 5', () => {
    const r = metrics.query(all).receiver;
    expect(r.totals).toMatchObject({ verdictPass: 3, verdictFail: 1, verdictNone: 1, accurate: 1, withExpected: 3, mismatched: 2 });
    expect(r.accuracyRate).toBeCloseTo(0.2);
  });

  it('duplicates, answers and unreplaced macros', () => {
    const r = metrics.query(all).receiver;
    expect(r.totals).toMatchObject({ n: 5, duplicates: 1, delivered: 4, failed: 1, status5xx: 1, macroTokens: 1, macroPostbacks: 1 });
  });

  it('a verdict computed later moves the capture from pending to judged', () => {
    const id = capture('click_id=a2&event=install', T0 + 20_000, 200, null);
    settle();
    expect(metrics.query(all).receiver.totals.verdictPending).toBe(1);
    db.prepare(`INSERT INTO verdicts (exchange_id, status, signature, failures, warnings, profile_id, detail, computed_at) VALUES (?, 'pass', 'none', 0, 0, NULL, '{}', 0)`).run(id);
    emit('verdicts', [{ exchangeId: id }]);
    metrics.drain();
    expect(metrics.query(all).receiver.totals).toMatchObject({ verdictPending: 0, verdictPass: 4, accurate: 2 });
  });

  it('deleting the first capture makes the repeat the first one', () => {
    exchanges.delete(ids.I2!);
    emit('deleted', [ids.I2!]);
    metrics.drain();
    const r = metrics.query(all).receiver;
    expect(r.totals).toMatchObject({ n: 4, duplicates: 0, mismatched: 1 });
    expect(r.responseTime).toMatchObject({ count: 3, p90: 61_000 });
  });
});

describe('reconciliation against an imported list', () => {
  it('finds missing, duplicated, mismatched and unexpected, each with its exchanges', () => {
    const csv = `click_id,event,payout,currency,conversion_time\na1,install,1.50,USD,${T0 / 1000}\nb1,purchase,5.00,EUR,\nc1,install,2.00,USD,\n`;
    const imported = metrics.importExpected('partner run', csv);
    expect(imported.count).toBe(3);
    metrics.drain();
    const rec = metrics.reconcile(imported.id, all)!;
    expect(rec.counts).toEqual({ reversed: 0, missing: 1, duplicated: 1, mismatched: 1, unexpected: 2 });
    expect(rec.missing[0]).toMatchObject({ key: 'c1', exchangeIds: [] });
    expect(rec.duplicated[0]).toMatchObject({ key: 'b1', exchangeIds: [ids.I2, ids.I3] });
    expect(rec.mismatched[0]!.differences).toEqual([{ field: 'currency', expected: 'EUR', actual: 'USD' }]);
    expect(rec.unexpected.map((u) => u.exchangeIds[0]).sort()).toEqual([ids.I4, ids.I5].sort());
    // Receiver-side delivery against the list: a1 and b1 of a1, b1, c1.
    const q = metrics.query(all, { importId: imported.id });
    expect(q.expectedImport).toMatchObject({ expected: 3, arrived: 2 });
    expect(q.receiver.deliveryRate).toBeCloseTo(2 / 3);
  });
});

describe('schema', () => {
  it('heals a data folder migrated by an early 006 (no daily histogram) from the hourly one', () => {
    const old = openDatabase(':memory:');
    old.exec(`INSERT INTO metrics_hist VALUES (3600000, 'in', 0, 0, 0, 5, 2), (7200000, 'in', 0, 0, 0, 5, 3); DROP TABLE metrics_hist_day;`);
    createMetrics({ db: old }).close();
    expect(old.prepare('SELECT bucket, bin, count FROM metrics_hist_day').all()).toEqual([{ bucket: 0, bin: 5, count: 5 }]);
    old.close();
  });
});

// A minimal stand-in for the core's bus (verdicts, deleted).
const handlers = new Map<string, Array<(p: unknown) => void>>();
const fakeEvents = {
  on(event: string, listener: (p: unknown) => void) {
    handlers.set(event, [...(handlers.get(event) ?? []), listener]);
    return () => handlers.set(event, (handlers.get(event) ?? []).filter((l) => l !== listener));
  },
} as never;
function emit(event: string, payload: unknown): void {
  for (const l of handlers.get(event) ?? []) l(payload);
}
