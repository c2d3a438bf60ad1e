/**
 * One fact's share of the rollups, and the rollup deltas of a batch. Rollups are only ever changed
 * by "minus the old contribution, plus the new one", so a fact recomputed for any reason (a retry,
 * a late verdict, a deleted exchange, an import) leaves the sums exact. Pure.
 */
import type { Bins, ProblemKind, Totals } from '../model/metrics.js';
import { binOf } from './latency-bins.js';
import { emptyTotals } from './kpis.js';
import { isCapturedConversion, isCountedReversal } from './conversions.js';
import type { Fact } from './fact.js';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export interface Dims {
  direction: 'in' | 'out';
  endpointId: number | null;
  profileId: number | null;
  templateId: number | null;
}

export interface Contribution {
  dims: Dims;
  minute: number;
  totals: Partial<Totals>;
  bin: number | null;
}

const one = (b: boolean): number => (b ? 1 : 0);

export function contribution(f: Fact): Contribution {
  const t: Partial<Totals> = { n: 1, duplicates: one(f.duplicate), macroTokens: f.macroTokens, macroPostbacks: one(f.macroTokens > 0), clockProblems: one(f.clockProblem !== null) };
  if (f.direction === 'out') {
    const delivered = f.state === 'delivered';
    const failed = f.state === 'failed' || f.state === 'cancelled' || f.state === 'disabled';
    Object.assign(t, {
      delivered: one(delivered),
      failed: one(failed),
      pending: one(!delivered && !failed),
      attempts: f.attempts,
      attemptsDelivered: delivered ? f.attempts : 0,
      expected: one(f.expected),
      arrived: one(f.arrived),
      // Per conversion: its first send counts it, delivered when any of its sends was.
      conversions: one(!f.duplicate),
      conversionsDelivered: one(f.conversionDelivered),
    });
  } else {
    const failed = f.rejected || (f.status !== null && f.status >= 400);
    Object.assign(t, {
      delivered: one(!failed),
      failed: one(failed),
      verdictPass: one(f.verdict === 'pass'),
      verdictFail: one(f.verdict === 'fail'),
      verdictNone: one(f.verdict === 'none'),
      verdictPending: one(f.verdict === null),
      accurate: one(f.accurate),
      withExpected: one(f.withExpected),
      mismatched: one(f.mismatched),
      privacyFindings: one(f.privacyFinding),
    });
    // Conversions and their values, gross and taken back, so the receiver side can net them.
    const conversion = isCapturedConversion(f);
    const taken = conversion && f.reversed;
    Object.assign(t, {
      conversions: one(conversion),
      reversals: one(isCountedReversal(f)),
      reversed: one(taken),
      valueSum: conversion ? (f.value ?? 0) : 0,
      reversedValueSum: taken ? (f.value ?? 0) : 0,
    });
  }
  for (const [reason, count] of Object.entries(f.reasons)) t[reason as keyof Totals] = count;
  if (f.latency !== null) {
    t.latencyCount = 1;
    t.latencySum = f.latency;
  }
  return {
    dims: { direction: f.direction, endpointId: f.endpointId, profileId: f.profileId, templateId: f.templateId },
    minute: Math.floor(f.at / MINUTE) * MINUTE,
    totals: t,
    bin: f.latency === null ? null : binOf(f.latency),
  };
}

/** What the failures table lists a postback for. */
export function problemsOf(f: Fact): ProblemKind[] {
  const p: ProblemKind[] = [];
  if (f.direction === 'out' && (f.state === 'failed' || f.state === 'cancelled' || f.state === 'disabled')) p.push('delivery');
  if (f.direction === 'out' && f.attempts > 1) p.push('retried');
  if (f.direction === 'in' && (f.rejected || (f.status !== null && f.status >= 400))) p.push('answer');
  if (f.verdict === 'fail') p.push('verdict');
  if (f.mismatched) p.push('mismatch');
  if (f.macroTokens > 0) p.push('macro');
  if (f.duplicate) p.push('duplicate');
  if (f.clockProblem !== null) p.push('clock');
  return p;
}

export const PROBLEM_BITS: Record<ProblemKind, number> = { delivery: 1, retried: 2, answer: 4, verdict: 8, mismatch: 16, macro: 32, duplicate: 64, clock: 128 };

export function problemBits(f: Fact): number {
  return problemsOf(f).reduce((bits, p) => bits | PROBLEM_BITS[p], 0);
}

export function problemsFromBits(bits: number): ProblemKind[] {
  return (Object.keys(PROBLEM_BITS) as ProblemKind[]).filter((p) => (bits & PROBLEM_BITS[p]) !== 0);
}

/** A rollup row's change: keyed by bucket start and dims. */
export interface RollupDelta {
  bucket: number;
  dims: Dims;
  totals: Totals;
  bins: Bins;
}

const dimKey = (bucket: number, d: Dims): string => `${bucket}|${d.direction}|${d.endpointId ?? 0}|${d.profileId ?? 0}|${d.templateId ?? 0}`;

/** Sums contributions (with sign) per bucket and dims; bucketMs is MINUTE or HOUR. */
export class DeltaAccumulator {
  readonly rows = new Map<string, RollupDelta>();
  constructor(private readonly bucketMs: number) {}

  add(c: Contribution, sign: 1 | -1): void {
    const bucket = Math.floor(c.minute / this.bucketMs) * this.bucketMs;
    const key = dimKey(bucket, c.dims);
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = { bucket, dims: c.dims, totals: emptyTotals(), bins: {} }));
    const totals = row.totals;
    for (const k in c.totals) totals[k as keyof Totals] += sign * (c.totals[k as keyof Totals] ?? 0);
    if (c.bin !== null) {
      const next = (row.bins[c.bin] ?? 0) + sign;
      if (next === 0) delete row.bins[c.bin];
      else row.bins[c.bin] = next;
    }
  }

  /** Rows whose counters or bins actually changed. */
  changed(): RollupDelta[] {
    return [...this.rows.values()].filter((r) => Object.values(r.totals).some((v) => v !== 0) || Object.keys(r.bins).length > 0);
  }
}
