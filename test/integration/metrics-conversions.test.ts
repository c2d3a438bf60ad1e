/**
 * Issue 12, "KPIs per conversion" and "reversal/chargeback callbacks", on a real core (SQLite file,
 * derivation thread) over loopback HTTP: sends and replays through the control API to the core's
 * own receiver, then GET /api/metrics and GET /api/reconciliation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsResult, Reconciliation } from '../../src/model/metrics.js';
import type { Profile } from '../../src/model/profile.js';
import type { SendResult } from '../../src/model/sender.js';
import { startCore, type TestCore } from '../helpers/core.js';
import { template } from './sender-helpers.js';

let tc: TestCore;

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

async function endpoint(path: string, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await tc.api('/api/endpoints', json('POST', { name: path, path, ...extra }));
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: number }).id;
}

/** One send of a conversion, no retries, answered once it is final. */
async function send(path: string, clickId: string): Promise<SendResult> {
  const res = await tc.api('/api/send', json('POST', { template: template({ url: `${tc.core.receiverUrl}${path}?click_id=${clickId}&event=install&payout=1.50&currency=USD` }), retry: { kind: 'none' }, wait: 'final' }));
  expect(res.status).toBe(200);
  return (await res.json()) as SendResult;
}

/** The sent exchange again (the Inbox's "Replay"), to `path` on our receiver. */
async function replay(exchangeId: number, path: string, clickId: string): Promise<SendResult> {
  const res = await tc.api(`/api/exchanges/${exchangeId}/replay`, json('POST', { url: `${tc.core.receiverUrl}${path}?click_id=${clickId}&event=install&payout=1.50&currency=USD`, retry: { kind: 'none' }, wait: 'final' }));
  expect(res.status).toBe(200);
  return (await res.json()) as SendResult;
}

/** Sender-side metrics of what was sent since `from`. */
async function senderSince(from: number): Promise<MetricsResult['sender']> {
  await tc.core.derived.settle();
  const res = await tc.api(`/api/metrics?from=${from}&to=${Date.now() + 60_000}&direction=out`);
  expect(res.status).toBe(200);
  return ((await res.json()) as MetricsResult).sender;
}

beforeAll(async () => {
  tc = await startCore();
  await endpoint('/ok');
  // Always answers 500: a send there fails under the default 2xx success rule.
  await endpoint('/down', { rules: [{ id: 'down', enabled: true, conditions: [], responses: [{ status: 500, headers: [], body: 'down' }] }] });
});
afterAll(async () => tc.close());

describe('sender delivery rate per conversion', () => {
  it('a conversion sent, then replayed: 1 conversion delivered of 1, and 2 sends', async () => {
    const from = Date.now();
    const first = await send('/ok', 'once');
    expect(first.delivered).toBe(true);
    expect((await replay(first.outbox.exchangeId, '/ok', 'once')).delivered).toBe(true);
    const s = await senderSince(from);
    expect(s.totals).toMatchObject({ n: 2, delivered: 2, conversions: 1, conversionsDelivered: 1, attempts: 2 });
    expect(s.deliveryRate).toBe(1);
  });

  it('a conversion whose first send failed and whose replay was delivered: delivered 1 of 1', async () => {
    const from = Date.now();
    const first = await send('/down', 'late');
    expect(first.delivered).toBe(false);
    expect(first.outbox.state).toBe('failed');
    // Before the replay the conversion is not delivered…
    expect((await senderSince(from)).deliveryRate).toBe(0);
    expect((await replay(first.outbox.exchangeId, '/ok', 'late')).delivered).toBe(true);
    // …after it, it is: the key group is derived again when the replay's outcome lands.
    const s = await senderSince(from);
    expect(s.totals).toMatchObject({ n: 2, delivered: 1, failed: 1, conversions: 1, conversionsDelivered: 1 });
    expect(s.deliveryRate).toBe(1);
  });

  it('two different conversions, one failed: 1 of 2', async () => {
    const from = Date.now();
    expect((await send('/ok', 'two-a')).delivered).toBe(true);
    expect((await send('/down', 'two-b')).delivered).toBe(false);
    const s = await senderSince(from);
    expect(s.totals).toMatchObject({ n: 2, conversions: 2, conversionsDelivered: 1 });
    expect(s.deliveryRate).toBe(0.5);
  });
});

describe('reversal callbacks', () => {
  let rev: number;
  let profile: Profile;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const bad = await tc.api('/api/profiles', json('POST', { name: 'bad', reversalEvents: ['refund', 'Refund'] }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('reversalEvents[1]');
    const created = await tc.api('/api/profiles', json('POST', { name: 'partner with chargebacks', correlationKeys: ['click_id'], reversalEvents: ['chargeback', 'refund'] }));
    expect(created.status).toBe(201);
    profile = (await created.json()) as Profile;
    expect(profile.reversalEvents).toEqual(['chargeback', 'refund']);
    rev = await endpoint('/rev', { profileId: profile.id });
    const capture = async (label: string, query: string) => {
      expect((await fetch(`${tc.core.receiverUrl}/rev?${query}`)).status).toBe(200);
      ids[label] = tc.core.exchanges.maxId();
    };
    await capture('install', 'click_id=r1&event=install&payout=2.50&currency=USD');
    await capture('kept', 'click_id=r2&event=install&payout=1.00&currency=USD');
    // The partner's chargeback for r1, after its install (the event in another case than the profile's).
    await capture('chargeback', 'click_id=r1&event=CHARGEBACK&payout=2.50&currency=USD');
    await tc.core.derived.settle();
  });

  it('nets the reversed conversion out of the receiver side: counts and values, with a reversals count', async () => {
    const m = (await (await tc.api(`/api/metrics?from=-1h&endpoint=${rev}`)).json()) as MetricsResult;
    expect(m.receiver.totals).toMatchObject({ n: 3, conversions: 2, reversed: 1, reversals: 1, duplicates: 0, mismatched: 0 });
    expect(m.receiver.totals.valueSum).toBeCloseTo(3.5);
    expect(m.receiver.totals.reversedValueSum).toBeCloseTo(2.5);
  });

  it('reconciliation lists the conversion as reversed, not as a mismatch, a duplicate or unexpected', async () => {
    const list = 'click_id,event,payout,currency\nr1,install,2.50,USD\nr2,install,1.00,USD\n';
    const imported = await tc.api('/api/expected?name=partner.csv', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: list });
    expect(imported.status).toBe(201);
    const importId = ((await imported.json()) as { id: number }).id;
    await tc.core.derived.settle();
    const rec = (await (await tc.api(`/api/reconciliation?import=${importId}&from=-1h&endpoint=${rev}`)).json()) as Reconciliation;
    expect(rec.counts).toEqual({ missing: 0, unexpected: 0, duplicated: 0, mismatched: 0, reversed: 1 });
    expect(rec.matched).toBe(1);
    expect(rec.reversed[0]).toMatchObject({ key: 'r1', event: 'install', exchangeIds: [ids.install, ids.chargeback] });
  });
});
