import type { RetryOn, RetryPolicy, RetryPreset } from '../model/sender.js';

const minute = 60_000;

interface PresetPlan {
  delaysMs: number[];
  retryOn: RetryOn;
  /** Everflow-like: after this many consecutive failed postbacks the destination is disabled. */
  disableAfter?: number;
  source: string;
}

/**
 * Real senders' plans, so a QA engineer can rehearse a partner's behaviour (speed them up with
 * the time scale). Delays count from the previous attempt.
 */
const presets: Record<RetryPreset, PresetPlan> = {
  // AppsFlyer, "Postback retries" (support.appsflyer.com/hc/en-us/articles/360001376085): retried
  // only when the response is a 5XX (a slow/failed response counts too); "up to four additional
  // times in 15-minute intervals", five sends in total.
  appsflyer: { delaysMs: [15, 15, 15, 15].map((m) => m * minute), retryOn: '5xx-or-network', source: 'AppsFlyer: 5XX → 4 more tries, 15 min apart' },
  // Singular: retries after 1, 5, 15, 30 and 60 minutes, as issue 4 states it (Singular's partner
  // docs, support.singular.net; not re-verified here).
  singular: { delaysMs: [1, 5, 15, 30, 60].map((m) => m * minute), retryOn: 'any-failure', source: 'Singular: 1, 5, 15, 30, 60 min' },
  // Adjust callbacks: "up to 6 retries over 24 hours" (issue 4, from Adjust's callback docs; the
  // exact intervals are not published there). Modelled as doubling delays that add up to 24 h:
  // 22.9 min, 45.7 min, 1.5 h, 3 h, 6.1 h, 12.2 h.
  adjust: { delaysMs: [1, 2, 4, 8, 16, 32].map((k) => Math.round((k * 24 * 60 * minute) / 63)), retryOn: 'any-failure', source: 'Adjust: 6 retries over 24 h' },
  // Everflow-like partner postbacks: one send, no retry, and a destination that keeps failing is
  // switched off after N consecutive failures (issue 4; N defaults to 5 and is configurable).
  everflow: { delaysMs: [], retryOn: 'any-failure', disableAfter: 5, source: 'Everflow-like: no retry, disable after N consecutive failures' },
};

export function describePolicy(policy: RetryPolicy): string {
  switch (policy.kind) {
    case 'none':
      return 'no retry';
    case 'exponential':
      return `exponential: ${policy.maxAttempts} attempts, ${policy.baseMs} ms × ${policy.factor}^n up to ${policy.maxDelayMs} ms, jitter ${policy.jitter ?? 0.2}`;
    case 'schedule':
      return `retry after ${policy.delaysMs.join(', ')} ms`;
    case 'preset':
      return presets[policy.preset].source;
  }
}

export interface FailureKind {
  /** null: no HTTP response (network error, timeout, TLS). */
  status: number | null;
}

/**
 * The delay before the next attempt after `attempt` (1-based) failed, or null to give up.
 * `random` is injectable so tests can pin the jitter.
 */
export function nextDelay(policy: RetryPolicy, attempt: number, failure: FailureKind, random: () => number = Math.random): number | null {
  if (policy.kind === 'none') return null;
  if (policy.kind === 'exponential') {
    if (!retryable(policy.retryOn ?? 'any-failure', failure) || attempt >= policy.maxAttempts) return null;
    const raw = Math.min(policy.maxDelayMs, policy.baseMs * policy.factor ** (attempt - 1));
    const jitter = Math.min(1, Math.max(0, policy.jitter ?? 0.2));
    // Jitter spreads retries of many failed postbacks so they do not hit the partner in lockstep.
    return Math.round(raw * (1 - jitter * random()));
  }
  const plan = policy.kind === 'schedule' ? { delaysMs: policy.delaysMs, retryOn: policy.retryOn ?? 'any-failure' } : presets[policy.preset];
  if (!retryable(plan.retryOn, failure)) return null;
  return plan.delaysMs[attempt - 1] ?? null;
}

/** Consecutive failed postbacks after which a destination is disabled, or null when the policy never disables. */
export function disableAfter(policy: RetryPolicy): number | null {
  if (policy.kind !== 'preset') return null;
  return policy.disableAfter ?? presets[policy.preset].disableAfter ?? null;
}

function retryable(on: RetryOn, failure: FailureKind): boolean {
  return on === 'any-failure' || failure.status === null || failure.status >= 500;
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
      return p.disableAfter === undefined || (Number.isInteger(p.disableAfter) && p.disableAfter >= 1) ? null : 'disableAfter must be a whole number ≥ 1';
    default:
      return 'retry.kind must be none, exponential, schedule or preset';
  }
}

export const retryPresetNames = Object.keys(presets) as RetryPreset[];
