import type { RetryOn, RetryPolicy, RetryPreset } from '../model/sender.js';
import { RETRY_PRESETS, type DisableRule, type RetrySchedule, type RetryTrigger } from './retry-presets.js';

/** The partner presets' data and sources live in retry-presets.ts; this file is the engine. */
const presets = RETRY_PRESETS;

/** Kochava lets each postback retry 0–10 times; without a number its maximum applies. */
const KOCHAVA_DEFAULT_RETRIES = 10;

export function describePolicy(policy: RetryPolicy): string {
  switch (policy.kind) {
    case 'none':
      return 'no retry';
    case 'exponential':
      return `exponential: ${policy.maxAttempts} attempts, ${policy.baseMs} ms × ${policy.factor}^n up to ${policy.maxDelayMs} ms, jitter ${policy.jitter ?? 0.2}`;
    case 'schedule':
      return `retry after ${policy.delaysMs.join(', ')} ms`;
    case 'preset': {
      const plan = presets[policy.preset];
      if (policy.preset === 'everflow' && policy.disableAfter !== undefined) return plan.summary.replace(/after \d+ consecutive/, `after ${policy.disableAfter} consecutive`);
      if (policy.preset === 'kochava' && policy.retries !== undefined) return `${plan.summary} · ${policy.retries} set`;
      return plan.summary;
    }
  }
}

export interface FailureKind {
  /** null: no HTTP response (network error, timeout, TLS). */
  status: number | null;
  /** With no status: true when the time limit ran out (the rest are connection errors). */
  timedOut?: boolean;
}

/** Transport error codes that mean "no complete answer in time" (as src/metrics/reasons.ts counts them). */
const TIMEOUT_CODES = new Set(['TIMEOUT', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** A failed attempt as the retry triggers see it. */
export function failureOf(status: number | null, errorCode: string | null | undefined): FailureKind {
  return status !== null ? { status } : { status: null, timedOut: errorCode !== null && errorCode !== undefined && TIMEOUT_CODES.has(errorCode) };
}

/**
 * The delay before the next attempt after `attempt` (1-based) failed, or null to give up.
 * `sinceFirstMs` is the time since the original attempt started (in the policy's time, i.e.
 * multiplied by the time scale): schedules that count from the first attempt subtract it.
 * `random` is injectable so tests can pin the jitter.
 */
export function nextDelay(policy: RetryPolicy, attempt: number, failure: FailureKind, random: () => number = Math.random, sinceFirstMs = 0): number | null {
  if (policy.kind === 'none') return null;
  if (policy.kind === 'exponential') {
    if (!retryable(triggerOf(policy.retryOn), failure) || attempt >= policy.maxAttempts) return null;
    const raw = Math.min(policy.maxDelayMs, policy.baseMs * policy.factor ** (attempt - 1));
    const jitter = Math.min(1, Math.max(0, policy.jitter ?? 0.2));
    // Jitter spreads retries of many failed postbacks so they do not hit the partner in lockstep.
    return Math.round(raw * (1 - jitter * random()));
  }
  const plan = policy.kind === 'schedule' ? { trigger: triggerOf(policy.retryOn), schedule: { from: 'previous-attempt', delaysMs: policy.delaysMs } as RetrySchedule } : presets[policy.preset];
  if (!retryable(plan.trigger, failure)) return null;
  if (policy.kind === 'preset' && policy.preset === 'kochava' && attempt > (policy.retries ?? KOCHAVA_DEFAULT_RETRIES)) return null;
  return scheduled(plan.schedule, attempt, sinceFirstMs);
}

/** The schedule's next attempt after `attempt` failed, as a delay from now. */
function scheduled(s: RetrySchedule, attempt: number, sinceFirstMs: number): number | null {
  const listed = s.delaysMs[attempt - 1];
  if (s.from === 'previous-attempt') {
    if (listed !== undefined) return listed;
    if (!s.repeat || sinceFirstMs + s.repeat.everyMs > s.repeat.untilMs) return null;
    return s.repeat.everyMs;
  }
  let offset = listed;
  if (offset === undefined && s.repeat) {
    const last = s.delaysMs[s.delaysMs.length - 1] ?? 0;
    offset = last + s.repeat.everyMs * (attempt - s.delaysMs.length);
    if (offset > s.repeat.untilMs) return null;
  }
  // An attempt that took longer than the next offset goes out at once, not later than planned.
  return offset === undefined ? null : Math.max(0, offset - sinceFirstMs);
}

/** Consecutive failed postbacks after which a destination is disabled, or null when the policy never disables. */
export function disableAfter(policy: RetryPolicy): number | null {
  return disableRule(policy)?.after ?? null;
}

/** When a destination is switched off: after how many consecutive failures, within what window. */
export function disableRule(policy: RetryPolicy): DisableRule | null {
  if (policy.kind !== 'preset') return null;
  const rule = presets[policy.preset].disable;
  if (!rule) return null;
  return policy.disableAfter === undefined ? rule : { ...rule, after: policy.disableAfter };
}

function triggerOf(on: RetryOn | undefined): RetryTrigger {
  return on === '5xx-or-network' ? { statuses: [[500, 599]], timeouts: true, connectionErrors: true } : { statuses: 'any', timeouts: true, connectionErrors: true };
}

export function retryable(trigger: RetryTrigger, failure: FailureKind): boolean {
  if (failure.status === null) return failure.timedOut ? trigger.timeouts : trigger.connectionErrors;
  if (trigger.exceptStatuses?.includes(failure.status)) return false;
  if (trigger.statuses === 'any') return true;
  const status = failure.status;
  return trigger.statuses.some(([from, to]) => status >= from && status <= to);
}

/** Checks a policy's shape from the API or CLI. Returns an error message or null. */
export function validatePolicy(policy: unknown): string | null {
  if (policy === undefined) return null;
  const p = policy as RetryPolicy;
  const positive = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  if (typeof p !== 'object' || p === null) return 'retry must be an object';
  switch (p.kind) {
    case 'none':
      return null;
    case 'exponential':
      if (![p.baseMs, p.factor, p.maxDelayMs].every(positive) || !Number.isInteger(p.maxAttempts) || p.maxAttempts < 1) {
        return 'exponential retry needs baseMs, factor, maxDelayMs ≥ 0 and maxAttempts ≥ 1';
      }
      return null;
    case 'schedule':
      return Array.isArray(p.delaysMs) && p.delaysMs.every(positive) ? null : 'schedule retry needs delaysMs: number[]';
    case 'preset':
      if (!(p.preset in presets)) return `unknown retry preset "${String(p.preset)}" (${Object.keys(presets).join(', ')})`;
      if (p.retries !== undefined && !(Number.isInteger(p.retries) && p.retries >= 0 && p.retries <= 10)) return 'retries must be a whole number from 0 to 10 (Kochava\'s Retry Attempts)';
      return p.disableAfter === undefined || (Number.isInteger(p.disableAfter) && p.disableAfter >= 1) ? null : 'disableAfter must be a whole number ≥ 1';
    default:
      return 'retry.kind must be none, exponential, schedule or preset';
  }
}

export const retryPresetNames = Object.keys(presets) as RetryPreset[];
