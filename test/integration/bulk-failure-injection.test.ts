/**
 * Bulk failure injection: a run's `failurePercent` marks that share of its postbacks with
 * X-Postback-Inspector-Fail, and this app's receiver answers every attempt of a marked postback
 * with a real 500, so the retry policy runs to its give-up rule and the delivery rate drops by
 * exactly the marked share.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sender } from '../../src/sender/index.js';
import { injectedFailureHeader } from '../../src/shared/injected-failure.js';
import { startCore, type TestCore } from '../helpers/core.js';
import { senderFor, template } from './sender-helpers.js';

let tc: TestCore;
let sender: Sender;
beforeAll(async () => {
  tc = await startCore();
  sender = await senderFor(tc);
});
afterAll(async () => {
  await sender.close();
  await tc.close();
});

const clickId = (url: string) => new URL(url).searchParams.get('click_id')!;

async function failedClickIds(seed: number): Promise<{ failed: string[]; summary: Awaited<ReturnType<typeof sender.bulk>['done']> }> {
  const run = sender.bulk({
    template: template({ url: `${tc.core.receiverUrl}/pb?click_id={click_id}` }),
    count: 40,
    concurrency: 8,
    generators: { click_id: { kind: 'sequence', prefix: `s${seed}-` } },
    retry: { kind: 'schedule', delaysMs: [5, 5] },
    failurePercent: 25,
    failureSeed: seed,
  });
  const summary = await run.done;
  const items = sender.outbox({ limit: 100, bulkId: run.id });
  return { failed: items.filter((i) => i.state === 'failed').map((i) => clickId(i.url).slice(`s${seed}-`.length)).sort(), summary };
}

describe('bulk failure injection', () => {
  it('fails exactly the marked share on every attempt, and the summary counts attempts, retries and failures', async () => {
    const { failed, summary } = await failedClickIds(7);
    expect(summary).toMatchObject({ total: 40, sent: 40, delivered: 30, failed: 10, injected: 10, failureInjection: { percent: 25, seed: 7 } });
    expect(summary.deliveryRate).toBe(0.75);
    // 30 delivered at once, 10 tried three times (the first attempt and both retries) before giving up.
    expect(summary.attempts).toBe(30 + 10 * 3);
    expect(summary.retried).toBe(10);
    expect(failed).toHaveLength(10);

    // The receiver saw real requests and answered each marked one with a real 500.
    const captured = tc.core.exchanges.list({ limit: 200, direction: 'in' }).map((e) => tc.core.exchanges.get(e.id)!);
    const marked = captured.filter((e) => e.rawHeaders.some(([n]) => n === injectedFailureHeader));
    expect(marked).toHaveLength(30);
    for (const e of marked) {
      expect(e.response?.status).toBe(500);
      expect(e.answeredBy).toContain('injected failure');
    }
    expect(new Set(marked.map((e) => new URL(e.target, 'http://x').searchParams.get('click_id')!.slice(3))).size).toBe(10);
    const unmarked = captured.filter((e) => !e.rawHeaders.some(([n]) => n === injectedFailureHeader));
    expect(unmarked.every((e) => e.response?.status === 200)).toBe(true);
  });

  it('marks the same conversions for the same seed', async () => {
    const first = await failedClickIds(11);
    const again = await failedClickIds(11);
    expect(again.failed).toEqual(first.failed);
    const other = await failedClickIds(12);
    expect(other.failed).not.toEqual(first.failed);
  });

  it('answers marked requests with 500 even when an endpoint would accept them, and counts them as its hits', async () => {
    const created = await tc.api('/api/endpoints', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Accepting', enabled: true, methods: [], path: '/accept', correlationKeys: [], rules: [], fallback: { status: 200, headers: [], body: 'OK' } }),
    });
    expect(created.status).toBe(201);
    const endpoint = (await created.json()) as { id: number };
    const run = sender.bulk({ template: template({ url: `${tc.core.receiverUrl}/accept?n={n}` }), count: 4, generators: { n: { kind: 'sequence' } }, failurePercent: 50 });
    const summary = await run.done;
    expect(summary).toMatchObject({ delivered: 2, failed: 2, injected: 2, attempts: 4, retried: 0 });
    const hits = tc.core.exchanges.list({ limit: 4, direction: 'in' }).map((e) => tc.core.exchanges.get(e.id)!);
    expect(hits.every((e) => e.endpointId === endpoint.id)).toBe(true);
    expect(hits.filter((e) => e.response?.status === 500).map((e) => e.answeredBy)).toEqual([
      `Accepting (injected failure: ${injectedFailureHeader}: bulk run, 50% with seed 1)`,
      `Accepting (injected failure: ${injectedFailureHeader}: bulk run, 50% with seed 1)`,
    ]);
  });

  it('refuses a failure percent outside 0–100 through the API', async () => {
    for (const failurePercent of [101, -5, '20']) {
      const res = await tc.api('/api/bulk', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ template: template({ url: `${tc.core.receiverUrl}/pb` }), count: 1, failurePercent }),
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain('failure percent must be a number from 0 to 100');
    }
    expect(() => sender.bulk({ template: template({ url: `${tc.core.receiverUrl}/pb` }), count: 1, failurePercent: 150 })).toThrow('0 to 100');
  });
});
