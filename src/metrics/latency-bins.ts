/**
 * Response times on a log scale: 20 bins per decade (each about 12 % wide) from 1 ms to ~3 days.
 * Rollups keep counts per bin, so percentiles over any number of postbacks cost a few hundred
 * additions; within one bin the estimate is within about ±6 %. Pure: the UI uses it too.
 */
import type { Bins, Percentiles } from '../model/metrics.js';

const PER_DECADE = 20;
/** Bin 0 holds [0, 1 ms); bin i ≥ 1 holds [10^((i-1)/20), 10^(i/20)) ms; the last bin is open-ended. */
export const BIN_COUNT = 1 + PER_DECADE * 9;

export function binOf(ms: number): number {
  if (!(ms >= 1)) return 0;
  const i = Math.floor(Math.log10(ms) * PER_DECADE) + 1;
  return Math.min(BIN_COUNT - 1, i);
}

/** [from, to) in ms of a bin. */
export function binBounds(bin: number): [number, number] {
  if (bin <= 0) return [0, 1];
  return [10 ** ((bin - 1) / PER_DECADE), 10 ** (bin / PER_DECADE)];
}

/** Nearest-rank percentile (the value at rank ⌈q·n⌉) of sorted values. */
export function exactPercentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

export function exactPercentiles(values: readonly number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    p50: exactPercentile(sorted, 0.5),
    p90: exactPercentile(sorted, 0.9),
    p99: exactPercentile(sorted, 0.99),
    mean: sum / sorted.length,
    count: sorted.length,
    exact: true,
  };
}

/** Same ranks as exactPercentile, read from bins: the geometric middle of the bin holding the rank. */
export function binPercentile(bins: Bins, q: number): number {
  const entries = sortedEntries(bins);
  const total = entries.reduce((s, [, c]) => s + c, 0);
  if (total === 0) return NaN;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [bin, count] of entries) {
    seen += count;
    if (seen >= rank) {
      const [from, to] = binBounds(bin);
      return bin === 0 ? 0.5 : Math.sqrt(from * to);
    }
  }
  return NaN;
}

/** Percentiles from bins; the mean is exact (it comes from the rollup's sum). */
export function binPercentiles(bins: Bins, count: number, sum: number): Percentiles | null {
  if (count <= 0) return null;
  return { p50: binPercentile(bins, 0.5), p90: binPercentile(bins, 0.9), p99: binPercentile(bins, 0.99), mean: sum / count, count, exact: false };
}

export function addBins(into: Bins, from: Bins, sign = 1): Bins {
  for (const [bin, count] of Object.entries(from)) {
    const next = (into[Number(bin)] ?? 0) + sign * count;
    if (next === 0) delete into[Number(bin)];
    else into[Number(bin)] = next;
  }
  return into;
}

export function binsOf(values: readonly number[]): Bins {
  const bins: Bins = {};
  for (const v of values) bins[binOf(v)] = (bins[binOf(v)] ?? 0) + 1;
  return bins;
}

export interface DisplayBar {
  fromMs: number;
  toMs: number;
  count: number;
}

/**
 * Bars for a chart: the fine bins merged so that at most `maxBars` cover the occupied range
 * (whole groups of bins, so bar edges stay on the log grid).
 */
export function displayBars(bins: Bins, maxBars = 36): DisplayBar[] {
  const entries = sortedEntries(bins).filter(([, c]) => c > 0);
  if (entries.length === 0) return [];
  const first = entries[0]![0];
  const last = entries[entries.length - 1]![0];
  const span = last - first + 1;
  const group = Math.max(1, Math.ceil(span / maxBars));
  const start = first - (first % group);
  const bars: DisplayBar[] = [];
  for (let b = start; b <= last; b += group) {
    let count = 0;
    for (let i = b; i < b + group; i++) count += bins[i] ?? 0;
    bars.push({ fromMs: binBounds(b)[0], toMs: binBounds(b + group - 1)[1], count });
  }
  return bars;
}

function sortedEntries(bins: Bins): Array<[number, number]> {
  return Object.entries(bins)
    .map(([b, c]) => [Number(b), c] as [number, number])
    .sort((a, b) => a[0] - b[0]);
}
