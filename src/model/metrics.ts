/**
 * Postback KPIs as the control API, the CLI report and the UI speak them. Pure types and constant
 * texts (no Node types): the renderer includes this file. The math lives in src/metrics/kpis.ts and
 * src/metrics/latency-bins.ts, also pure, so the UI applies live deltas with the server's own code.
 */

export type MetricsSide = 'sender' | 'receiver';
export type Bucket = 'minute' | 'hour';

/** GET /api/metrics?from=&to=&direction=&endpoint=&profile=&template= */
export interface MetricsFilter {
  /** ms since epoch, inclusive. */
  from: number;
  /** ms since epoch, exclusive. */
  to: number;
  direction: 'in' | 'out' | null;
  endpointId: number | null;
  profileId: number | null;
  templateId: number | null;
}

/**
 * Additive counters of one direction: a rollup row, a window's sum, a live delta. Every KPI is a
 * ratio of two of them, so sums of rows give exact KPIs (percentiles come from `bins`).
 */
export interface Totals {
  /** Postbacks (out: sent conversions; in: captures). */
  n: number;
  /** out: delivered under the success rule; in: answered below 400. */
  delivered: number;
  /** out: final state failed/cancelled/disabled; in: answered 400+ or rejected. */
  failed: number;
  /** out: not final yet (queued, in flight, waiting for a retry). */
  pending: number;
  /** out: delivery attempts made. */
  attempts: number;
  /** out: attempts spent on postbacks that were delivered. */
  attemptsDelivered: number;
  /** out: first sends with a correlation key: what the receiver side should see. */
  expected: number;
  /** out: of `expected`, how many were captured by the receiver. */
  arrived: number;
  /**
   * Conversions (correlation key + event; each postback without a key is one): out, counted on
   * their first send, so a replay or a new send of one conversion does not count again; in, first
   * accepted captures that are not themselves reversals.
   */
  conversions: number;
  /** out: of `conversions`, those some send of which (the first, a replay, a new send) was delivered. */
  conversionsDelivered: number;
  /** in: captured reversals (an event the profile marks as one: chargeback, refund…), once per key + event. */
  reversals: number;
  /** in: of `conversions`, those whose key also has a captured reversal: taken back. */
  reversed: number;
  /** in: values (payout / revenue params) of `conversions`, as written: currencies are not converted. */
  valueSum: number;
  /** in: the part of `valueSum` that was reversed. */
  reversedValueSum: number;
  /** Same conversion (key + event) seen before in the same direction. */
  duplicates: number;
  /** in: verdicts by status; `verdictPending` still being computed. */
  verdictPass: number;
  verdictFail: number;
  verdictNone: number;
  verdictPending: number;
  /** in: verdict passes and values match the expected conversion where one is known. */
  accurate: number;
  /** in: an expected conversion (import or our own send) is known for it. */
  withExpected: number;
  /** in: value or currency differs from the expected conversion. */
  mismatched: number;
  /** in: captures whose verdict holds at least one privacy-* issue (src/checks/privacy.ts). */
  privacyFindings: number;
  /** Unreplaced macro tokens found in param values, and postbacks with at least one. */
  macroTokens: number;
  macroPostbacks: number;
  /** Failure reasons: out per failed attempt, in per failing answer. */
  timeout: number;
  status4xx: number;
  status5xx: number;
  connection: number;
  ruleMismatch: number;
  other: number;
  /**
   * Conversion times left out of the response time: in the future (beyond the clock skew), older
   * than the horizon, or a time param that was not understood (src/metrics/clock-rule.ts).
   */
  clockProblems: number;
  /** Response times known (ms): count and sum. */
  latencyCount: number;
  latencySum: number;
}

export type FailureReason = 'timeout' | 'status4xx' | 'status5xx' | 'connection' | 'ruleMismatch' | 'other';
export const FAILURE_REASONS: readonly FailureReason[] = ['timeout', 'status4xx', 'status5xx', 'connection', 'ruleMismatch', 'other'];
export const FAILURE_REASON_LABELS: Record<FailureReason, string> = {
  timeout: 'Timeouts',
  status4xx: '4xx answers',
  status5xx: '5xx answers',
  connection: 'Connection errors',
  ruleMismatch: 'Success-rule mismatch',
  other: 'Other',
};

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  count: number;
  /** false: read from the log-scale histogram (within one bin, about ±6 %), because the window holds many. */
  exact: boolean;
}

/** Sparse latency histogram: bin index (src/metrics/latency-bins.ts) → count. */
export type Bins = Record<number, number>;

export interface SideMetrics {
  side: MetricsSide;
  totals: Totals;
  /** null when the denominator is 0. */
  deliveryRate: number | null;
  responseTime: Percentiles | null;
  accuracyRate: number | null;
  duplicateRate: number | null;
  attemptsPerDelivery: number | null;
  bins: Bins;
}

/** Receiver side against an imported list rather than our own sends. */
export interface ExpectedCoverage {
  importId: number;
  expected: number;
  arrived: number;
  rate: number | null;
}

export interface SeriesPoint {
  /** Bucket start, ms. */
  t: number;
  out: Totals;
  in: Totals;
}

export interface MetricsResult {
  filter: MetricsFilter;
  bucket: Bucket;
  generatedAt: number;
  /** Exchanges committed but not yet in the metrics (the worker catches up after commit). */
  lag: number;
  sender: SideMetrics;
  receiver: SideMetrics;
  /** Set when expected conversions were imported: the receiver side's delivery rate uses them. */
  expectedImport: ExpectedCoverage | null;
  series: SeriesPoint[];
  /** Milliseconds the query took on the server. */
  tookMs: number;
}

/** Pushed on GET /api/metrics/events after each worker batch: apply, or refetch when it says so. */
export interface MetricsDelta {
  type: 'delta';
  /** Rollup rows changed: minute, dims, counters (may be negative) and latency bins. */
  rows: DeltaRow[];
}
export type MetricsEvent = MetricsDelta | { type: 'reset' } | { type: 'lag'; lag: number };

export interface DeltaRow {
  minute: number;
  direction: 'in' | 'out';
  endpointId: number | null;
  profileId: number | null;
  templateId: number | null;
  totals: Partial<Totals>;
  bins: Bins;
}

export type ProblemKind = 'delivery' | 'retried' | 'answer' | 'verdict' | 'mismatch' | 'macro' | 'duplicate' | 'clock';

/** One row of the failures table; `exchangeId` links to the Inbox. */
export interface FailureRow {
  exchangeId: number;
  direction: 'in' | 'out';
  at: number;
  problems: ProblemKind[];
  reason: FailureReason | null;
  key: string | null;
  event: string | null;
  attempts: number;
  status: number | null;
  detail: string | null;
  endpointId: number | null;
  templateId: number | null;
}

export interface FailuresPage {
  items: FailureRow[];
  /** Cursor for older rows, or null. */
  next: string | null;
}

// ---------------------------------------------------------------- expected conversions

export interface ExpectedConversion {
  key: string;
  event: string | null;
  value: number | null;
  currency: string | null;
  /** ms since epoch, or null. */
  conversionAt: number | null;
}

export interface ExpectedImport {
  id: number;
  name: string;
  createdAt: number;
  count: number;
  /** Lines skipped on import, with why. */
  skipped: Array<{ line: number; message: string }>;
}

export interface ReconciliationItem {
  key: string;
  event: string | null;
  expected: ExpectedConversion | null;
  /** Captured exchanges for this conversion (oldest first). */
  exchangeIds: number[];
  /** Mismatches: what differs. */
  differences?: Array<{ field: 'value' | 'currency'; expected: string | null; actual: string | null }>;
}

export interface Reconciliation {
  importId: number;
  expected: number;
  matched: number;
  missing: ReconciliationItem[];
  unexpected: ReconciliationItem[];
  duplicated: ReconciliationItem[];
  mismatched: ReconciliationItem[];
  /**
   * Expected conversions taken back by a captured reversal of their key (a chargeback, a refund):
   * netted out, so neither matched, missing, duplicated nor mismatched. Its exchanges: the
   * conversion's captures, then the reversals.
   */
  reversed: ReconciliationItem[];
  /** Lists are capped; the counts are not. */
  counts: { missing: number; unexpected: number; duplicated: number; mismatched: number; reversed: number };
}

// ---------------------------------------------------------------- definitions and benchmark bands

export type KpiName = 'deliveryRate' | 'responseTime' | 'accuracyRate';

/** The published benchmark: below `average` is poor, [average, good) average, `good`+ good (response time: lower is better). */
export interface Band {
  averageFrom: number;
  averageTo: number;
  good: number;
  lowerIsBetter: boolean;
  text: string;
}

export const BANDS: Record<KpiName, Band> = {
  deliveryRate: { averageFrom: 0.95, averageTo: 0.99, good: 0.98, lowerIsBetter: false, text: '95–99 % on average; 98 %+ is good' },
  responseTime: { averageFrom: 60_000, averageTo: 300_000, good: 120_000, lowerIsBetter: true, text: '1–5 min on average; under 2 min is good' },
  accuracyRate: { averageFrom: 0.9, averageTo: 0.95, good: 0.95, lowerIsBetter: false, text: '90–95 % on average; 95 %+ is good' },
};

/** Shown next to each number (UI and report), word for word what the code computes. */
export const DEFINITIONS = {
  deliveryRateSender:
    'Sender side: conversions delivered under their template’s success rule ÷ conversions sent in the window. A conversion is a correlation key + event (each send without a key is one); retries of one postback count once, and so do replays and new sends of the same conversion: it is delivered when any of its sends was, and counted at its first send. Pending ones count as not delivered yet.',
  deliveryRateReceiver:
    'Receiver side: expected conversions that arrived ÷ expected conversions. Expected = our own first sends with a correlation key, or the imported list when one is chosen.',
  responseTime:
    'From the conversion time (a ts / event_time param, a timestamp param of the profile, the imported conversion time, or when the send was queued) to the successful delivery (sender side) or the first capture (receiver side).',
  accuracyRate:
    'Captured postbacks whose verdict passes (signature and param spec) and whose value and currency match the expected conversion where one is known ÷ all judged captured postbacks.',
  reversals:
    'Receiver side: captures whose event the profile marks as a reversal (chargeback, refund…). Each takes back the conversions captured for its correlation key: net conversions and values leave them out, and reconciliation lists them as reversed.',
  privacyFindings:
    'Receiver side: captured postbacks whose verdict has at least one privacy finding (an e-mail or phone number in clear or wrongly hashed, a raw IP address, a zeroed or tracking-limited advertising id, a credential in the URL, a SKAdNetwork source-identifier longer than its tier allows). Counted once per postback, however many findings it has; profiles with privacy checks off have none.',
  netValue: 'Receiver side: the payout / revenue values of captured conversions minus those reversed, summed as written (currencies are not converted).',
  duplicateRate: 'Postbacks whose conversion (correlation key + event) was already seen in the same direction ÷ all postbacks.',
  attemptsPerDelivery: 'Delivery attempts spent on delivered postbacks ÷ delivered postbacks (1.00 = no retries needed).',
  failureReasons:
    'Sender side: each failed attempt (timeout, 4xx, 5xx, connection error, success-rule mismatch). Receiver side: each capture we answered 400+ or rejected.',
  clockProblems:
    'Postbacks whose conversion time was left out of the response time: more than 5 min after the delivery or capture, older than the horizon (30 days by default), or a time param in no known format.',
  unreplacedMacros: 'Param values that still hold a macro token such as {click_id}, [CLICKID] or {{payout}}: the tracker had nothing to put there.',
} as const;
