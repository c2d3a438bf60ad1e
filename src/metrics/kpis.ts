/**
 * The KPI arithmetic: sums of counters in, rates out. Pure and shared by the server (query,
 * report) and the UI (live deltas), so both always compute the same number from the same sums.
 */
import { BANDS, type Bins, type KpiName, type MetricsSide, type Percentiles, type SideMetrics, type Totals } from '../model/metrics.js';
import { binPercentiles, exactPercentiles } from './latency-bins.js';

export const TOTAL_KEYS = [
  'n',
  'delivered',
  'failed',
  'pending',
  'attempts',
  'attemptsDelivered',
  'expected',
  'arrived',
  'conversions',
  'conversionsDelivered',
  'reversals',
  'reversed',
  'valueSum',
  'reversedValueSum',
  'duplicates',
  'verdictPass',
  'verdictFail',
  'verdictNone',
  'verdictPending',
  'accurate',
  'withExpected',
  'mismatched',
  'privacyFindings',
  'macroTokens',
  'macroPostbacks',
  'timeout',
  'status4xx',
  'status5xx',
  'connection',
  'ruleMismatch',
  'other',
  'clockProblems',
  'latencyCount',
  'latencySum',
] as const satisfies ReadonlyArray<keyof Totals>;

export function emptyTotals(): Totals {
  const t = {} as Totals;
  for (const k of TOTAL_KEYS) t[k] = 0;
  return t;
}

export function addTotals(into: Totals, from: Partial<Totals>, sign = 1): Totals {
  for (const k of TOTAL_KEYS) {
    const v = from[k];
    if (v) into[k] += sign * v;
  }
  return into;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/**
 * The KPIs of one side from its sums; `values` (exact response times) wins over bins when given.
 * The receiver side's delivery rate counts our sends that arrived: pass the sender side's totals.
 */
export function sideMetrics(side: MetricsSide, totals: Totals, bins: Bins, values: number[] | null, sent: Totals | null = null): SideMetrics {
  const judged = totals.verdictPass + totals.verdictFail + totals.verdictNone;
  const responseTime: Percentiles | null = values ? exactPercentiles(values) : binPercentiles(bins, totals.latencyCount, totals.latencySum);
  return {
    side,
    totals,
    // Per conversion, not per send: a replayed conversion is one conversion (src/metrics/conversions.ts).
    deliveryRate: side === 'sender' ? ratio(totals.conversionsDelivered, totals.conversions) : ratio(sent?.arrived ?? 0, sent?.expected ?? 0),
    responseTime,
    accuracyRate: side === 'receiver' ? ratio(totals.accurate, judged) : null,
    duplicateRate: ratio(totals.duplicates, totals.n),
    attemptsPerDelivery: side === 'sender' ? ratio(totals.attemptsDelivered, totals.delivered) : null,
    bins,
  };
}

/** Receiver side: conversions captured, less those a reversal took back. */
export const netConversions = (t: Totals): number => t.conversions - t.reversed;

/** Receiver side: their values, less the reversed ones (summed as written; currencies are not converted). */
export const netValue = (t: Totals): number => t.valueSum - t.reversedValueSum;

/** A sum of money params as a plain number: two places, no currency (the sum may mix them). */
export const formatValue = (v: number): string => (Math.abs(v) < 0.005 ? '0.00' : v.toFixed(2));

export type BandLevel = 'good' | 'average' | 'poor';

/** Where a value sits against the published benchmark. */
export function bandOf(kpi: KpiName, value: number | null): BandLevel | null {
  if (value === null || !Number.isFinite(value)) return null;
  const band = BANDS[kpi];
  if (band.lowerIsBetter) {
    if (value < band.good) return 'good';
    return value <= band.averageTo ? 'average' : 'poor';
  }
  if (value >= band.good) return 'good';
  return value >= band.averageFrom ? 'average' : 'poor';
}

export function formatPercent(value: number | null, digits = 1): string {
  return value === null ? '–' : `${(value * 100).toFixed(digits)} %`;
}

/** 850 ms, 12.4 s, 3 min 05 s, 2 h 10 min: response times span six orders of magnitude. */
export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
