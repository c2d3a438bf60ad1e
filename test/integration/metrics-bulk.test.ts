/**
 * The "done when", over real loopback HTTP and a real SQLite file: bulk-send 1 000
 * conversions through the sender's API to a mock partner endpoint failing a seeded 10 % with a
 * 3-retry policy, then read the delivery rate, attempts, latency percentiles and failures from
 * GET /api/metrics, the failures table, the live stream and the report.
 *
 * The sender and the metrics are the core's own, reached through its control API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metrics } from '../../src/metrics/index.js';
import type { FailuresPage, MetricsEvent, MetricsResult } from '../../src/model/metrics.js';
import type { BulkSummary, Template } from '../../src/model/sender.js';
import { startCore, type TestCore } from '../helpers/core.js';
import { template } from './sender-helpers.js';

const N = 1000;
let tc: TestCore;
let metrics: Metrics;
const started = Date.now() - 1000;

beforeAll(async () => {
  tc = await startCore();
  metrics = tc.core.metrics;
});
afterAll(async () => {
  await tc.close();
});

async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await tc.api(path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? null : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
}

/** The core's own control API (the sender's routes). */
async function core<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await tc.api(path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? null : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Collects what GET /api/metrics/events pushes while the run goes on. */
async function listen(events: MetricsEvent[]): Promise<AbortController> {
  const abort = new AbortController();
  const res = await tc.api(`/api/metrics/events`, { signal: abort.signal });
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith('data: ')) events.push(JSON.parse(block.slice(6)) as MetricsEvent);
        }
      }
    } catch {
      // Aborted at the end of the test.
    }
  })();
  return abort;
}

describe('bulk run through a partner failing a seeded 10 %', () => {
  it('shows the delivery rate, attempts, percentiles and failures the run produced', async () => {
    const endpoint = await tc.api('/api/endpoints', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'flaky partner', path: '/pb', rules: [{ id: 'flaky', failure: { mode: 'fail-percent', percent: 10, seed: 7 }, responses: [{ status: 200, headers: [], body: 'OK' }] }] }),
    });
    expect(endpoint.status).toBe(201);
    const tpl = await core<Template>('POST', '/api/templates', template({ name: 'partner', url: `${tc.core.receiverUrl}/pb?click_id={click_id}&event=install&payout=1.50&currency=USD&ts={ts}` }));
    expect(tpl.status).toBe(201);
    const events: MetricsEvent[] = [];
    const stream = await listen(events);

    const run = await core<{ bulkId: string }>('POST', '/api/bulk', {
      templateId: tpl.json.id,
      count: N,
      concurrency: 20,
      generators: { click_id: { kind: 'sequence', prefix: 'conv-' } },
      retry: { kind: 'schedule', delaysMs: [20, 20, 20] },
    });
    expect(run.status).toBe(202);
    const summary = await until(
      async () => (await core<BulkSummary>('GET', `/api/bulk/${run.json.bulkId}`)).json,
      (s) => s.done,
    );
    if (summary.completed !== N) {
      // Say where the run stood, so a stuck send can be told from a slow machine.
      const open = await core<{ items: Array<{ id: number; state: string; attempts: number; nextAttemptAt: number | null; lastError: string | null }> }>('GET', `/api/outbox?bulk=${run.json.bulkId}&limit=1000`);
      console.log('bulk not done:', JSON.stringify(summary), 'last error:', tc.core.status().lastError, JSON.stringify(open.json.items.filter((i) => !['delivered', 'failed', 'cancelled'].includes(i.state)).slice(0, 10)), 'now', Date.now());
    }
    expect(summary.completed).toBe(N);

    const query = `/api/metrics?from=${started}&to=${Date.now() + 60_000}&template=${tpl.json.id}`;
    const m = await until(
      async () => (await call<MetricsResult>('GET', query)).json,
      (r) => r.lag === 0 && r.sender.totals.n === N && r.sender.totals.pending === 0 && r.receiver.totals.verdictPending === 0,
    );
    const s = m.sender;
    const r = m.receiver;
    // Sender side: delivered ÷ conversions, exactly what the run itself counted.
    expect(s.totals.n).toBe(N);
    expect(s.totals.delivered).toBe(summary.delivered);
    expect(s.deliveryRate).toBeCloseTo(summary.delivered / N, 10);
    expect(s.deliveryRate!).toBeGreaterThan(0.99);
    // Every attempt reached the mock partner: attempts = captures; failed attempts = the partner's 500s.
    expect(s.totals.attempts).toBe(r.totals.n);
    expect(s.totals.status5xx).toBe(r.totals.status5xx);
    expect(s.totals.status5xx).toBe(r.totals.failed);
    const failShare = r.totals.failed / r.totals.n;
    expect(failShare).toBeGreaterThan(0.05);
    expect(failShare).toBeLessThan(0.15);
    // Attempts per delivery: one plus the retries the 10 % cost.
    expect(s.attemptsPerDelivery!).toBeGreaterThan(1.05);
    expect(s.attemptsPerDelivery!).toBeLessThan(1.2);
    // Receiver side: each conversion arrived (the partner saw even the failed ones); retries are repeats.
    expect(r.deliveryRate).toBe(1);
    expect(r.totals.duplicates).toBe(r.totals.n - N);
    // Percentiles from conversion time (the ts macro) to delivery, never only the mean.
    expect(s.responseTime).toMatchObject({ count: summary.delivered, exact: true });
    expect(s.responseTime!.p50).toBeLessThanOrEqual(s.responseTime!.p90);
    expect(s.responseTime!.p90).toBeLessThanOrEqual(s.responseTime!.p99);
    expect(m.series.reduce((sum, p) => sum + p.out.n, 0)).toBe(N);

    // The failures table links the retried postbacks to their exchanges.
    const failures = (await call<FailuresPage>('GET', `/api/metrics/failures?from=${started}&kind=retried&limit=1000`)).json;
    const retried = (await core<{ items: Array<{ attempts: number }> }>('GET', `/api/outbox?limit=1000`)).json.items.filter((o) => o.attempts > 1).length;
    expect(failures.items.length).toBe(retried);
    expect(failures.items.every((f) => f.direction === 'out' && f.attempts > 1 && f.reason === 'status5xx')).toBe(true);

    // The live stream carried the same counts as deltas (its last batch leaves within 250 ms).
    const streamed = () =>
      events
        .flatMap((e) => (e.type === 'delta' ? e.rows : []))
        .filter((row) => row.direction === 'out')
        .reduce((sum, row) => sum + (row.totals.n ?? 0), 0);
    expect(await until(async () => streamed(), (n) => n >= N, 5000)).toBe(N);
    stream.abort();

    // The report says the same.
    const report = await tc.api(`/api/report?from=${started}&template=${tpl.json.id}`);
    expect(report.headers.get('content-type')).toContain('text/html');
    const html = await report.text();
    expect(html).toContain(`${(s.deliveryRate! * 100).toFixed(1)} %`);
    expect(html).not.toMatch(/<script|src="http|href="http/);
    const csv = await (await tc.api(`/api/report?from=${started}&template=${tpl.json.id}&format=csv`)).text();
    expect(csv.trim().split('\r\n').length).toBe(1 + s.totals.n + r.totals.n);
  });
});
