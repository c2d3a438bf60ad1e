/**
 * Why a delivery failed, in the five words the field uses. Pure: attempts (sender side) and our
 * own answers (receiver side) are classified the same way wherever metrics are computed.
 */
import type { FailureReason } from '../model/metrics.js';
import type { AttemptOutcome } from '../model/sender.js';

const TIMEOUT_CODES = new Set(['TIMEOUT', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export interface AttemptFacts {
  status: number | null;
  errorCode: string | null;
  outcome: AttemptOutcome;
}

/** null for a delivered attempt. */
export function attemptReason(a: AttemptFacts): FailureReason | null {
  if (a.outcome === 'delivered') return null;
  // An attempt cut off by a crash (outcome unknown) says nothing about the partner.
  if (a.outcome === 'disabled' || a.outcome === 'unknown' || a.errorCode === 'DISABLED') return 'other';
  if (a.errorCode && TIMEOUT_CODES.has(a.errorCode)) return 'timeout';
  if (a.status !== null) {
    if (a.status >= 500) return 'status5xx';
    if (a.status >= 400) return 'status4xx';
    // An answer below 400 that was still not a delivery: the partner's success rule said no.
    return 'ruleMismatch';
  }
  return a.errorCode ? 'connection' : 'other';
}

/** What our receiver answered a capture: aborted uploads are connection errors, 413 a 4xx. */
export function answerReason(status: number | null, rejected: string | null): FailureReason | null {
  if (rejected === 'aborted') return 'connection';
  if (status === null) return rejected ? 'other' : null;
  if (status >= 500) return 'status5xx';
  if (status >= 400) return 'status4xx';
  return null;
}
