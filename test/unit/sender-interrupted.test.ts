/**
 * What the sender does on start with attempts a previous run left open (settleInterrupted), on an
 * in-memory store: each rule in isolation, without processes. The kill -9 story end to end is
 * test/integration/outbox-exactly-once.test.ts.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OutboxSettings, OutboxState, RetryPolicy } from '../../src/model/sender.js';
import { settleInterrupted } from '../../src/sender/interrupted.js';
import { AttemptsRepository } from '../../src/store/attempts-repository.js';
import { ExchangesRepository } from '../../src/store/exchanges-repository.js';
import { openDatabase, type Db } from '../../src/store/open-database.js';
import { OutboxRepository } from '../../src/store/outbox-repository.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
let db: Db;
let exchanges: ExchangesRepository;
let outbox: OutboxRepository;
let attempts: AttemptsRepository;

beforeEach(() => {
  db = openDatabase(':memory:');
  exchanges = new ExchangesRepository(db);
  outbox = new OutboxRepository(db);
  attempts = new AttemptsRepository(db);
});

const settings = (retry: RetryPolicy, timeScale = 1): OutboxSettings => ({ retry, success: { status: '2xx' }, timeoutMs: 1000, followRedirects: false, insecureTls: false, timeScale });

/** An outbox row as the sender leaves it mid-attempt: in flight, with attempt `done + 1` open (unless `open` is false). */
function inFlight(retry: RetryPolicy, options: { done?: number; open?: boolean; timeScale?: number } = {}): number {
  const [exchangeId] = exchanges.insertMany([
    {
      direction: 'out', method: 'GET', target: '/pb', path: '/pb', httpVersion: '1.1', rawHeaders: [['Host', 'p']], contentType: null, body: Buffer.alloc(0), bodySize: 0,
      remoteAddress: '127.0.0.1', remotePort: 0, receivedAt: T0, durationMs: 0, rejected: null, response: null, answeredBy: null, endpointId: null, correlation: null,
    },
  ]);
  const id = outbox.insert({ exchangeId: exchangeId!, templateId: null, sourceExchangeId: null, bulkId: null, method: 'GET', url: 'http://p/pb', transport: 'pooled', state: 'in_flight', nextAttemptAt: null, createdAt: T0, idempotencyKey: `k${exchangeId}`, correlation: null, circuitKey: null, settings: settings(retry, options.timeScale) });
  const done = options.done ?? 0;
  if (done > 0) outbox.finish({ id, state: 'in_flight', attempts: done, nextAttemptAt: null, lastStatus: 503, lastError: 'busy', deliveredAt: null, updatedAt: T0 });
  if (options.open !== false) outbox.openAttempt(id, done + 1, T0);
  return id;
}

const stateOf = (id: number): { state: OutboxState; attempts: number; nextAttemptAt: number | null } => outbox.get(id)!;
const openCount = (): number => db.prepare(`SELECT count(*) FROM attempts WHERE outcome = 'in_flight'`).pluck().get() as number;

describe('settleInterrupted', () => {
  it('no retry policy: the attempt becomes outcome unknown and the send ends failed, not queued again', () => {
    const id = inFlight({ kind: 'none' });
    expect(attempts.forOutbox(id)).toEqual([]); // an open attempt is not history yet
    expect(settleInterrupted(db, outbox, attempts, T0 + 10_000)).toEqual({ unknown: 1, retried: 0 });
    expect(stateOf(id)).toMatchObject({ state: 'failed', attempts: 1, nextAttemptAt: null });
    const [a] = attempts.forOutbox(id);
    expect(a).toMatchObject({ number: 1, outcome: 'unknown', errorCode: 'INTERRUPTED', status: null, nextAttemptAt: null });
    expect(a!.verdict).toMatch(/^outcome unknown: .*not sent again/);
    expect(exchanges.get(outbox.get(id)!.exchangeId)!.answeredBy).toMatch(/^sender: attempt 1 outcome unknown \(/);
    expect(openCount()).toBe(0);
  });

  it('a retry policy: queued per its plan, counted from when the cut-off attempt started (time scale applied)', () => {
    const soon = inFlight({ kind: 'schedule', delaysMs: [60_000, 60_000] }, { done: 1, timeScale: 10 });
    const overdue = inFlight({ kind: 'schedule', delaysMs: [1000] });
    expect(settleInterrupted(db, outbox, attempts, T0 + 2000)).toEqual({ unknown: 2, retried: 2 });
    // Attempt 2 of `soon` was cut off: its plan says 60 s / 10 after it started.
    expect(stateOf(soon)).toMatchObject({ state: 'pending', attempts: 2, nextAttemptAt: T0 + 6000 });
    expect(attempts.forOutbox(soon).map((a) => [a.number, a.outcome, a.nextAttemptAt])).toEqual([[2, 'unknown', T0 + 6000]]);
    // Down longer than the delay: due at once, not in the past.
    expect(stateOf(overdue)).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: T0 + 2000 });
  });

  it('retries an unknown outcome even under "5xx-or-network" (no answer is a network failure), and stops when the plan is used up', () => {
    const network = inFlight({ kind: 'schedule', delaysMs: [10], retryOn: '5xx-or-network' });
    const usedUp = inFlight({ kind: 'exponential', baseMs: 10, factor: 2, maxAttempts: 2, maxDelayMs: 100 }, { done: 1 });
    settleInterrupted(db, outbox, attempts, T0);
    expect(stateOf(network).state).toBe('pending');
    expect(stateOf(usedUp)).toMatchObject({ state: 'failed', attempts: 2 });
  });

  it('a send cancelled mid-attempt stays cancelled; its attempt still reads outcome unknown', () => {
    const id = inFlight({ kind: 'schedule', delaysMs: [10] });
    outbox.cancel(id, T0);
    expect(settleInterrupted(db, outbox, attempts, T0)).toEqual({ unknown: 1, retried: 0 });
    expect(stateOf(id)).toMatchObject({ state: 'cancelled', nextAttemptAt: null });
    expect(attempts.forOutbox(id).map((a) => a.outcome)).toEqual(['unknown']);
  });

  it('a row in flight without an open attempt (left by a version before migration 009) is due again at once, as before', () => {
    const id = inFlight({ kind: 'none' }, { open: false });
    expect(settleInterrupted(db, outbox, attempts, T0)).toEqual({ unknown: 0, retried: 0 });
    expect(stateOf(id)).toMatchObject({ state: 'pending', nextAttemptAt: T0 });
  });

  it('closing an attempt updates the open row instead of adding one; an attempt never opened is inserted', () => {
    const id = inFlight({ kind: 'none' });
    const row = { outboxId: id, number: 1, startedAt: T0 + 5, durationMs: 12, status: 200, error: null, errorCode: null, outcome: 'delivered' as const, verdict: '2xx', nextAttemptAt: null, responseHeaders: [], responseBody: Buffer.from('OK'), responseTruncated: false };
    attempts.close(row);
    attempts.close({ ...row, number: 2, outcome: 'disabled', status: null });
    expect(attempts.forOutbox(id).map((a) => [a.number, a.outcome, a.startedAt])).toEqual([[1, 'delivered', T0 + 5], [2, 'disabled', T0 + 5]]);
    expect(openCount()).toBe(0);
  });

  it('claiming a due retry opens its attempt in the same commit', () => {
    const id = inFlight({ kind: 'none' }, { open: false });
    outbox.finish({ id, state: 'pending', attempts: 1, nextAttemptAt: T0, lastStatus: 503, lastError: 'busy', deliveredAt: null, updatedAt: T0 });
    expect(outbox.claimDue(T0, 10).map((r) => r.id)).toEqual([id]);
    expect(db.prepare(`SELECT number, outcome FROM attempts WHERE outbox_id = ?`).all(id)).toEqual([{ number: 2, outcome: 'in_flight' }]);
  });
});

describe('migration 009', () => {
  it('keeps every attempt, with its columns, and accepts the new outcomes', () => {
    const id = inFlight({ kind: 'none' }, { open: false });
    attempts.insert({ outboxId: id, number: 1, startedAt: T0, durationMs: 3.5, status: 503, error: 'e', errorCode: 'X', outcome: 'retry', verdict: 'v', nextAttemptAt: T0 + 1, responseHeaders: [['A', 'b']], responseBody: Buffer.from([0, 255]), responseTruncated: true });
    const before = db.prepare(`SELECT * FROM attempts`).all();
    // Re-run 009 on the rebuilt table: a copy of a copy must be identical.
    db.exec(readMigration());
    expect(db.prepare(`SELECT * FROM attempts`).all()).toEqual(before);
    expect(() => outbox.openAttempt(id, 2, T0)).not.toThrow();
    expect(() => db.prepare(`UPDATE attempts SET outcome = 'bogus' WHERE number = 2`).run()).toThrow(/CHECK/);
  });
});

function readMigration(): string {
  return readFileSync(new URL('../../src/store/migrations/012_attempt_outcome_unknown.sql', import.meta.url), 'utf8');
}
