import type { FailureReason } from '../model/metrics.js';

export type OutState = 'pending' | 'in_flight' | 'delivered' | 'failed' | 'cancelled' | 'disabled';

/**
 * What one exchange contributes to the metrics, read from the stores (exchange, params, outbox,
 * attempts, verdict). Everything here depends on that exchange alone.
 */
export interface Base {
  id: number;
  direction: 'in' | 'out';
  /** When it was sent (out) or captured (in), ms. */
  at: number;
  endpointId: number | null;
  templateId: number | null;
  profileId: number | null;
  /** Correlation id (click id, transaction id…), normalised: what sent ↔ received ↔ expected match on. */
  key: string | null;
  event: string | null;
  value: number | null;
  currency: string | null;
  /** Conversion time from a param (ts, event_time, a profile timestamp), ms. */
  paramTime: number | null;
  /** A time param is there but fits no known format ("timestamp not understood: …"). */
  timeProblem: string | null;
  /** out: when the send was queued, ms. */
  enqueuedAt: number | null;
  /** out: the outbox state; in: null. */
  state: OutState | null;
  deliveredAt: number | null;
  attempts: number;
  /** out: failed attempts by reason; in: the reason of a failing answer (one). */
  reasons: Partial<Record<FailureReason, number>>;
  /** Last failure's reason (out: last failed attempt; in: the answer), for the failures table. */
  lastReason: FailureReason | null;
  /** Response status (in: what we answered; out: the partner's last answer). */
  status: number | null;
  rejected: boolean;
  /** in: verdict status; null while the verdict worker has not judged it. */
  verdict: 'pass' | 'fail' | 'none' | null;
  macroTokens: number;
  /** in: its verdict holds at least one privacy-* issue (src/checks/privacy.ts). */
  privacyFinding: boolean;
  /**
   * in: its event is one its profile marks as a reversal (chargeback, refund…): it takes back an
   * earlier conversion of the same key rather than being a conversion itself.
   */
  reversal: boolean;
}

/** What depends on the other exchanges of the same correlation key (and on imported expectations). */
export interface Derived {
  duplicate: boolean;
  /**
   * out, on the first send of a conversion (key + event; src/metrics/conversions.ts): some send of
   * it, this one or a replay / new send, was delivered. false on the other sends.
   */
  conversionDelivered: boolean;
  /** in: a conversion capture whose key also has a captured reversal: netted out on the receiver side. */
  reversed: boolean;
  /** out: a first send with a key (the receiver side should see it). */
  expected: boolean;
  /** out: an in capture with the same key exists. */
  arrived: boolean;
  /** Conversion time used for the response time, ms. */
  conversionAt: number | null;
  /** Response time, ms: null when not delivered/first-captured, the conversion time is unknown or a clock problem rules it out. */
  latency: number | null;
  /**
   * Why the conversion time is not used (src/metrics/clock-rule.ts: in the future, beyond the
   * horizon; or the time param was not understood); counted apart as clockProblems.
   */
  clockProblem: string | null;
  /** in: an expected conversion (import, or our own send) is known. */
  withExpected: boolean;
  mismatched: boolean;
  accurate: boolean;
  /** in: the template of our own matching send when the capture has none. */
  templateId: number | null;
  profileId: number | null;
}

export interface Fact extends Omit<Base, 'templateId' | 'profileId'>, Derived {}

/** An expected conversion as derivation needs it (from an import). */
export interface Expectation {
  key: string;
  event: string | null;
  value: number | null;
  currency: string | null;
  conversionAt: number | null;
}
