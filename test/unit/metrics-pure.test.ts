/** The pure pieces behind the KPIs: percentiles, bins, windows, param reading, derivation, imports. */
import { describe, expect, it } from 'vitest';
import { deriveGroup } from '../../src/metrics/derive.js';
import { parseExpected } from '../../src/metrics/expected-parse.js';
import { currencyOf, eventOf, keyOf, macroCount, parseAmount, parseTime, timeOf, valueOf } from '../../src/metrics/extract.js';
import type { Base } from '../../src/metrics/fact.js';
import { parseMetricsQuery } from '../../src/metrics/filter-params.js';
import { bandOf, formatLatency } from '../../src/metrics/kpis.js';
import { binOf, binPercentiles, binsOf, displayBars, exactPercentiles } from '../../src/metrics/latency-bins.js';
import { attemptReason, answerReason } from '../../src/metrics/reasons.js';
import { splitWindow } from '../../src/metrics/window.js';

describe('percentiles', () => {
  it('nearest rank on 1..10: p50 = 5, p90 = 9, p99 = 10, mean 5.5', () => {
    expect(exactPercentiles([10, 3, 1, 2, 4, 5, 6, 7, 8, 9])).toEqual({ p50: 5, p90: 9, p99: 10, mean: 5.5, count: 10, exact: true });
  });

  it('from log bins: within one bin (±6 %) of the exact value, mean exact from the sum', () => {
    const values = Array.from({ length: 5000 }, (_, i) => 100 + i * 37);
    const exact = exactPercentiles(values)!;
    const approx = binPercentiles(binsOf(values), values.length, values.reduce((a, b) => a + b, 0))!;
    for (const k of ['p50', 'p90', 'p99'] as const) expect(Math.abs(approx[k] - exact[k]) / exact[k]).toBeLessThan(0.065);
    expect(approx.mean).toBeCloseTo(exact.mean);
    expect(approx.exact).toBe(false);
  });

  it('bins are 20 per decade and chart bars merge them on the grid', () => {
    expect(binOf(0)).toBe(0);
    expect(binOf(1)).toBe(1);
    expect(binOf(10)).toBe(21);
    expect(binOf(1000)).toBe(61);
    const bars = displayBars(binsOf([5, 50, 500, 5000, 50_000]), 10);
    expect(bars.reduce((s, b) => s + b.count, 0)).toBe(5);
    expect(bars.length).toBeLessThanOrEqual(10);
  });
});

describe('benchmark bands', () => {
  it('delivery 95–99 % average, 98 %+ good; response time under 2 min good, 1–5 min average; accuracy 95 %+ good', () => {
    expect([0.99, 0.97, 0.9].map((v) => bandOf('deliveryRate', v))).toEqual(['good', 'average', 'poor']);
    expect([90_000, 200_000, 400_000].map((v) => bandOf('responseTime', v))).toEqual(['good', 'average', 'poor']);
    expect([0.96, 0.92, 0.8].map((v) => bandOf('accuracyRate', v))).toEqual(['good', 'average', 'poor']);
    expect(bandOf('accuracyRate', null)).toBeNull();
    expect(formatLatency(125_000)).toBe('2 min 05 s');
  });
});

describe('windows', () => {
  it('whole hours from the hour rollup, whole minutes around them, the sub-minute edges from facts', () => {
    const H = 3_600_000;
    const M = 60_000;
    expect(splitWindow(H - 90_000, 3 * H + 30_500, true)).toEqual([
      { source: 'facts', from: H - 90_000, to: H - 60_000 },
      { source: 'minute', from: H - M, to: H },
      { source: 'hour', from: H, to: 3 * H },
      { source: 'facts', from: 3 * H, to: 3 * H + 30_500 },
    ]);
    expect(splitWindow(1000, 2000, true)).toEqual([{ source: 'facts', from: 1000, to: 2000 }]);
  });

  it('reads from/to as relative, unix s, ms or ISO', () => {
    const now = Date.UTC(2026, 0, 2);
    expect(parseMetricsQuery({ from: '-1h' }, now).filter).toMatchObject({ from: now - 3_600_000, to: now });
    expect(parseMetricsQuery({ from: '1767225600', to: '2026-01-01T12:00:00Z', endpoint: '3' }, now).filter).toMatchObject({ from: 1767225600000, to: Date.UTC(2026, 0, 1, 12), endpointId: 3 });
    expect(() => parseMetricsQuery({ direction: 'sideways' }, now)).toThrow(/direction/);
  });
});

describe('reading a conversion from its params', () => {
  const p = [['clickId', 'abc'], ['goal', 'Purchase'], ['payout', '1,50'], ['cur', 'eur'], ['event_time', '2026-01-01T00:00:05Z'], ['x', '{sub1}']] as const;
  it('key, event, value (comma decimal), currency, ISO time, leftover macros', () => {
    expect(keyOf(p)).toBe('abc');
    expect(eventOf(p)).toBe('Purchase');
    expect(valueOf(p)).toBe(1.5);
    expect(currencyOf(p)).toBe('EUR');
    expect(timeOf(p)).toBe(Date.UTC(2026, 0, 1, 0, 0, 5));
    expect(macroCount(p)).toBe(1);
  });
  it('counts leftover macros of every grammar the verdict knows, TikTok’s __X__ too', () => {
    expect(macroCount([['callback', '__CALLBACK_PARAM__'], ['ok', 'a_b__c'], ['survey', '[[sid]]']])).toBe(2);
  });
  it('unix seconds, ms and µs by magnitude, or as the profile says; leftover macros are no time', () => {
    expect(parseTime('1767225600')).toBe(1767225600000);
    expect(parseTime('1767225600123')).toBe(1767225600123);
    expect(parseTime('1767225600123456')).toBe(1767225600123);
    expect(parseTime('1767225600', 'ms')).toBe(1767225600);
    expect(parseTime('{ts}')).toBeNull();
    expect(parseAmount('abc')).toBeNull();
  });
});

describe('failure reasons', () => {
  it('timeouts, 4xx, 5xx, connection errors and success-rule mismatches', () => {
    expect(attemptReason({ status: null, errorCode: 'UND_ERR_HEADERS_TIMEOUT', outcome: 'retry' })).toBe('timeout');
    expect(attemptReason({ status: null, errorCode: 'ECONNRESET', outcome: 'failed' })).toBe('connection');
    expect(attemptReason({ status: 503, errorCode: null, outcome: 'retry' })).toBe('status5xx');
    expect(attemptReason({ status: 410, errorCode: null, outcome: 'failed' })).toBe('status4xx');
    expect(attemptReason({ status: 200, errorCode: null, outcome: 'failed' })).toBe('ruleMismatch');
    expect(attemptReason({ status: 200, errorCode: null, outcome: 'delivered' })).toBeNull();
    expect(answerReason(413, 'body_too_large')).toBe('status4xx');
    expect(answerReason(null, 'aborted')).toBe('connection');
  });
});

describe('derivation within a key', () => {
  const base = (over: Partial<Base>): Base => ({
    id: 1, direction: 'in', at: 10_000, endpointId: null, templateId: null, profileId: null, key: 'k', event: 'install', value: null, currency: null,
    paramTime: null, timeProblem: null, enqueuedAt: null, state: null, deliveredAt: null, attempts: 1, reasons: {}, lastReason: null, status: 200, rejected: false, verdict: 'pass', macroTokens: 0, privacyFinding: false, reversal: false, ...over,
  });
  it('a capture inherits the conversion time and template of our send; a repeat is a duplicate without latency', () => {
    const out = base({ id: 1, direction: 'out', at: 1000, enqueuedAt: 1000, state: 'delivered', deliveredAt: 3000, templateId: 9, value: 2, currency: 'USD', verdict: null });
    const first = base({ id: 2, at: 3000, value: 2, currency: 'USD' });
    const again = base({ id: 3, at: 4000, value: 2, currency: 'USD' });
    const d = deriveGroup([again, out, first]);
    expect(d.get(1)).toMatchObject({ expected: true, arrived: true, latency: 2000, duplicate: false });
    expect(d.get(2)).toMatchObject({ conversionAt: 1000, latency: 2000, templateId: 9, withExpected: true, accurate: true, duplicate: false });
    expect(d.get(3)).toMatchObject({ duplicate: true, latency: null, accurate: true });
  });
  it('an imported expectation wins over our send, and a value off by more than half a cent is a mismatch', () => {
    const d = deriveGroup([base({ id: 5, value: 1.52 })], [{ key: 'k', event: null, value: 1.5, currency: null, conversionAt: 0 }]);
    expect(d.get(5)).toMatchObject({ mismatched: true, accurate: false, conversionAt: 0, latency: 10_000 });
  });
});

describe('expected conversions import', () => {
  it('CSV with semicolons, quotes and a bad line; JSON arrays', () => {
    const csv = 'Transaction ID;Event;Revenue;Currency\n"t-1";install;"1,50";usd\nt-2;purchase;abc;EUR\n;install;1;USD\n';
    const parsed = parseExpected(csv);
    expect(parsed.rows).toEqual([{ line: 2, key: 't-1', event: 'install', value: 1.5, currency: 'USD', conversionAt: null }]);
    expect(parsed.skipped.map((s) => s.line)).toEqual([3, 4]);
    const json = parseExpected('[{"click_id":"a","payout":2,"ts":1767225600}]');
    expect(json.rows[0]).toMatchObject({ key: 'a', value: 2, conversionAt: 1767225600000 });
    expect(() => parseExpected('a,b\n1,2')).toThrow(/key column/);
  });
});
