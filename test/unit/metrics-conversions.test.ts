/**
 * Issue 12, "KPIs per conversion" and "reversal/chargeback callbacks", on the pure pieces: the
 * derived per-key flags (src/metrics/derive.ts, src/metrics/conversions.ts), what each fact adds
 * to the rollups (src/metrics/contribution.ts) and the KPI read from their sums (src/metrics/kpis.ts).
 */
import { describe, expect, it } from 'vitest';
import { contribution } from '../../src/metrics/contribution.js';
import { deriveGroup, toFact } from '../../src/metrics/derive.js';
import type { Base } from '../../src/metrics/fact.js';
import { addTotals, emptyTotals, netConversions, netValue, sideMetrics } from '../../src/metrics/kpis.js';
import type { Totals } from '../../src/model/metrics.js';
import { validateProfile } from '../../src/profiles/validate-profile.js';

const send = (over: Partial<Base>): Base => ({
  id: 1, direction: 'out', at: 1000, endpointId: null, templateId: 1, profileId: null, key: 'k', event: 'install', value: 1.5, currency: 'USD',
  paramTime: null, timeProblem: null, enqueuedAt: 1000, state: 'delivered', deliveredAt: 1500, attempts: 1, reasons: {}, lastReason: null,
  status: 200, rejected: false, verdict: null, macroTokens: 0, privacyFinding: false, reversal: false, ...over,
});
const capture = (over: Partial<Base>): Base => send({ direction: 'in', state: null, deliveredAt: null, enqueuedAt: null, verdict: 'pass', ...over });

/** The totals a set of postbacks adds to the rollups, each key group derived together as the worker does. */
function totalsOf(members: Base[]): Totals {
  const groups = new Map<string, Base[]>();
  const t = emptyTotals();
  for (const m of members) {
    if (m.key === null) addTotals(t, contribution(toFact(m, deriveGroup([m]).get(m.id)!)).totals);
    else (groups.get(m.key) ?? groups.set(m.key, []).get(m.key)!).push(m);
  }
  for (const group of groups.values()) {
    const derived = deriveGroup(group);
    for (const m of group) addTotals(t, contribution(toFact(m, derived.get(m.id)!)).totals);
  }
  return t;
}

const senderRate = (members: Base[]) => sideMetrics('sender', totalsOf(members), {}, null).deliveryRate;

describe('sender delivery rate per conversion (key + event)', () => {
  it('a conversion sent, then replayed: 1 conversion delivered of 1, 2 sends', () => {
    const t = totalsOf([send({ id: 1 }), send({ id: 2, templateId: null, at: 5000 })]);
    expect(t).toMatchObject({ n: 2, delivered: 2, conversions: 1, conversionsDelivered: 1, duplicates: 1 });
    expect(sideMetrics('sender', t, {}, null).deliveryRate).toBe(1);
  });

  it('first send failed, its replay delivered: the conversion is delivered, and the flag sits on the first send', () => {
    const first = send({ id: 1, state: 'failed', deliveredAt: null, status: 500 });
    const replay = send({ id: 2, at: 5000 });
    const d = deriveGroup([replay, first]);
    expect(d.get(1)).toMatchObject({ duplicate: false, conversionDelivered: true });
    expect(d.get(2)).toMatchObject({ duplicate: true, conversionDelivered: false });
    expect(totalsOf([first, replay])).toMatchObject({ n: 2, delivered: 1, failed: 1, conversions: 1, conversionsDelivered: 1 });
    expect(senderRate([first, replay])).toBe(1);
  });

  it('a delivered conversion stays delivered when a later re-send fails', () => {
    expect(senderRate([send({ id: 1 }), send({ id: 2, state: 'failed', deliveredAt: null })])).toBe(1);
  });

  it('a conversion still pending on every send is not delivered yet', () => {
    expect(senderRate([send({ id: 1, state: 'pending', deliveredAt: null }), send({ id: 2, state: 'failed', deliveredAt: null })])).toBe(0);
  });

  it('two different conversions, one failed: 1 of 2', () => {
    expect(senderRate([send({ id: 1, key: 'a' }), send({ id: 2, key: 'b', state: 'failed', deliveredAt: null })])).toBe(0.5);
  });

  it('the same click id with another event is another conversion', () => {
    const t = totalsOf([send({ id: 1, event: 'install' }), send({ id: 2, event: 'purchase', state: 'failed', deliveredAt: null })]);
    expect(t).toMatchObject({ conversions: 2, conversionsDelivered: 1 });
  });

  it('sends without a key cannot be matched: one conversion each', () => {
    const t = totalsOf([send({ id: 1, key: null }), send({ id: 2, key: null, state: 'failed', deliveredAt: null })]);
    expect(t).toMatchObject({ n: 2, conversions: 2, conversionsDelivered: 1 });
  });

  it('a replay that changes state (the worker re-derives the key group) moves the flag on the first send', () => {
    const first = send({ id: 1, state: 'failed', deliveredAt: null });
    expect(deriveGroup([first, send({ id: 2, state: 'in_flight', deliveredAt: null })]).get(1)!.conversionDelivered).toBe(false);
    expect(deriveGroup([first, send({ id: 2 })]).get(1)!.conversionDelivered).toBe(true);
  });
});

describe('reversals on the receiver side', () => {
  const install = capture({ id: 10, key: 'r1', value: 2.5 });
  const chargeback = capture({ id: 11, key: 'r1', event: 'chargeback', value: 2.5, reversal: true });
  const other = capture({ id: 12, key: 'r2', value: 1 });

  it('a captured reversal takes back its key’s conversion: counts and values net of it', () => {
    const d = deriveGroup([install, chargeback]);
    expect(d.get(10)).toMatchObject({ reversed: true, duplicate: false });
    // Compared with nothing: not a mismatch of the install, no duplicate of it.
    expect(d.get(11)).toMatchObject({ reversed: false, duplicate: false, mismatched: false, withExpected: false });
    const t = totalsOf([install, chargeback, other]);
    expect(t).toMatchObject({ n: 3, conversions: 2, reversals: 1, reversed: 1, valueSum: 3.5, reversedValueSum: 2.5 });
    expect(netConversions(t)).toBe(1);
    expect(netValue(t)).toBe(1);
  });

  it('arrives in any order, and a chargeback the partner sent twice is one reversal', () => {
    const again = capture({ id: 13, key: 'r1', event: 'chargeback', reversal: true, at: 9000 });
    const t = totalsOf([chargeback, again, capture({ id: 14, key: 'r1', value: 2.5 })]);
    expect(t).toMatchObject({ conversions: 1, reversals: 1, reversed: 1, duplicates: 1 });
  });

  it('a rejected reversal takes nothing back', () => {
    expect(deriveGroup([install, { ...chargeback, rejected: true }]).get(10)!.reversed).toBe(false);
  });

  it('a chargeback is not the arrival of our send; the send’s conversion arrived only with the install', () => {
    const out = send({ id: 1, key: 'r1', event: null });
    expect(deriveGroup([out, chargeback]).get(1)!.arrived).toBe(false);
    expect(deriveGroup([out, install, chargeback]).get(1)!.arrived).toBe(true);
  });
});

describe('profile reversalEvents', () => {
  it('accepts event values, refuses blanks, spaces and the same event twice (in any case), naming the entry', () => {
    expect(validateProfile({ name: 'p', reversalEvents: ['chargeback', 'refund'] }).ok).toBe(true);
    const bad = validateProfile({ name: 'p', reversalEvents: ['chargeback', 'Chargeback', ' ', 'charge back'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.field)).toEqual(['reversalEvents[1]', 'reversalEvents[2]', 'reversalEvents[3]']);
    expect(validateProfile({ name: 'p', reversalEvents: 'chargeback' }).ok).toBe(false);
  });
});
