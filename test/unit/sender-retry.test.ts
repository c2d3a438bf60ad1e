import { describe, expect, it } from 'vitest';
import { describePolicy, disableAfter, type FailureKind, disableRule, nextDelay, retryPresetNames, validatePolicy } from '../../src/sender/retry-policy.js';
import { RETRY_PRESETS } from '../../src/sender/retry-presets.js';

const minute = 60_000;
const fail = (status: number | null): FailureKind => ({ status });
const plan = (policy: Parameters<typeof nextDelay>[0], failure: FailureKind = fail(500), random = () => 0) => {
  const delays: number[] = [];
  for (let attempt = 1; attempt < 50; attempt++) {
    const delay = nextDelay(policy, attempt, failure, random);
    if (delay === null) break;
    delays.push(delay);
  }
  return delays;
};
/** When each retry goes out, counted from the original attempt (attempts taking no time). */
const timeline = (policy: Parameters<typeof nextDelay>[0], failure: FailureKind = fail(500)) => {
  const at: number[] = [];
  let since = 0;
  for (let attempt = 1; attempt < 2000; attempt++) {
    const delay = nextDelay(policy, attempt, failure, () => 0, since);
    if (delay === null) break;
    since += delay;
    at.push(since);
  }
  return at;
};

describe('retry policies', () => {
  it('none never retries', () => {
    expect(plan({ kind: 'none' })).toEqual([]);
  });

  it('exponential: base × factor^n, capped, for maxAttempts in total', () => {
    expect(plan({ kind: 'exponential', baseMs: 100, factor: 3, maxAttempts: 6, maxDelayMs: 2000, jitter: 0 })).toEqual([100, 300, 900, 2000, 2000]);
  });

  it('jitter draws each delay from [delay × (1 − jitter), delay]', () => {
    const policy = { kind: 'exponential', baseMs: 1000, factor: 2, maxAttempts: 3, maxDelayMs: 10_000, jitter: 0.5 } as const;
    expect(nextDelay(policy, 2, fail(500), () => 0)).toBe(2000);
    expect(nextDelay(policy, 2, fail(500), () => 1)).toBe(1000);
    expect(nextDelay(policy, 2, fail(500), () => 0.5)).toBe(1500);
    // Default jitter is 0.2.
    expect(nextDelay({ ...policy, jitter: undefined }, 1, fail(500), () => 1)).toBe(800);
  });

  it('a schedule retries after each listed delay', () => {
    expect(plan({ kind: 'schedule', delaysMs: [5, 10, 20] })).toEqual([5, 10, 20]);
  });

  it('AppsFlyer: retries a 5XX (or no response) 4 more times, 15 minutes apart; never a 4XX', () => {
    const appsflyer = { kind: 'preset', preset: 'appsflyer' } as const;
    expect(plan(appsflyer, fail(503))).toEqual([15, 15, 15, 15].map((m) => m * minute));
    expect(plan(appsflyer, fail(null))).toHaveLength(4);
    expect(plan(appsflyer, fail(404))).toEqual([]);
  });

  it('Singular: only HTTP 500–559, at 1, 5, 15, 30 and 60 minutes from the original attempt (support.singular.net/hc/en-us/articles/115000483946)', () => {
    const singular = { kind: 'preset', preset: 'singular' } as const;
    // Each retry as the docs list it, attempts taking no time: the gaps are 1, 4, 10, 15, 30 min.
    expect(timeline(singular, fail(503))).toEqual([1, 5, 15, 30, 60].map((m) => m * minute));
    expect(plan(singular, fail(559))).toHaveLength(5);
    expect(plan(singular, fail(560))).toEqual([]);
    expect(plan(singular, fail(404))).toEqual([]);
    expect(plan(singular, { status: null, timedOut: true })).toEqual([]);
    // A first attempt that hung for 50 s: the 1-minute retry is due 10 s later, not a minute later.
    expect(nextDelay(singular, 1, fail(500), () => 0, 50_000)).toBe(10_000);
    expect(nextDelay(singular, 1, fail(500), () => 0, 90_000)).toBe(0);
  });

  it('Adjust: endpoint unavailable or 5xx → up to six retries over the next 24 hours; never a 4xx (help.adjust.com/en/article/callbacks-checklist-partner)', () => {
    const adjust = { kind: 'preset', preset: 'adjust' } as const;
    const at = timeline(adjust, fail(502));
    expect(at).toHaveLength(6);
    expect(Math.abs(at[5]! - 24 * 60 * minute)).toBeLessThan(10);
    expect(plan(adjust, { status: null, timedOut: false })).toHaveLength(6);
    expect(plan(adjust, { status: null, timedOut: true })).toHaveLength(6);
    expect(plan(adjust, fail(404))).toEqual([]);
    expect(plan(adjust, fail(429))).toEqual([]);
  });

  it('Everflow: no retry; deactivated after 10 consecutive failures within 72 hours (issue 12; Everflow help centre)', () => {
    expect(plan({ kind: 'preset', preset: 'everflow' })).toEqual([]);
    expect(disableRule({ kind: 'preset', preset: 'everflow' })).toEqual({ after: 10, withinMs: 72 * 60 * minute });
    expect(disableAfter({ kind: 'preset', preset: 'everflow', disableAfter: 2 })).toBe(2);
    expect(disableAfter({ kind: 'preset', preset: 'singular' })).toBeNull();
    expect(disableAfter({ kind: 'none' })).toBeNull();
  });

  it('Branch: a timeout is retried once, almost immediately; error statuses never (help.branch.io/faq/docs/what-is-the-retry-logic-for-webhooks)', () => {
    const branch = { kind: 'preset', preset: 'branch' } as const;
    expect(plan(branch, { status: null, timedOut: true })).toEqual([0]);
    expect(plan(branch, fail(500))).toEqual([]);
    expect(plan(branch, fail(404))).toEqual([]);
    expect(plan(branch, { status: null, timedOut: false })).toEqual([]);
  });

  it('Tapjoy: anything but 200 or 403 is retried about every 5 minutes for 4 days (dev.tapjoy.com/en/support/Self-Managed-Currency)', () => {
    const tapjoy = { kind: 'preset', preset: 'tapjoy' } as const;
    const at = timeline(tapjoy, fail(500));
    expect(at.slice(0, 3)).toEqual([5, 10, 15].map((m) => m * minute));
    expect(at).toHaveLength((4 * 24 * 60) / 5);
    expect(at[at.length - 1]).toBe(4 * 24 * 60 * minute);
    expect(plan(tapjoy, fail(403))).toEqual([]);
    expect(plan(tapjoy, fail(404)).length).toBeGreaterThan(0);
    expect(plan(tapjoy, { status: null, timedOut: true }).length).toBeGreaterThan(0);
  });

  it('Digital Turbine: only 200 is success and no retry schedule is published, so none is made up (developer.digitalturbine.com … Server-Side-Rewarding)', () => {
    expect(plan({ kind: 'preset', preset: 'digitalturbine' }, fail(500))).toEqual([]);
    expect(describePolicy({ kind: 'preset', preset: 'digitalturbine' })).toMatch(/not documented/);
  });

  it('Kochava: "Do Not Retry" to 10 Retry Attempts, as configured (support.kochava.com … create-a-kochava-certified-postback)', () => {
    expect(plan({ kind: 'preset', preset: 'kochava' }, fail(500))).toHaveLength(10);
    expect(plan({ kind: 'preset', preset: 'kochava', retries: 3 }, fail(404))).toHaveLength(3);
    expect(plan({ kind: 'preset', preset: 'kochava', retries: 0 }, fail(500))).toEqual([]);
    expect(validatePolicy({ kind: 'preset', preset: 'kochava', retries: 11 })).toContain('0 to 10');
    expect(describePolicy({ kind: 'preset', preset: 'kochava' })).toMatch(/unpublished/);
  });

  it('every preset names its source page', () => {
    for (const name of retryPresetNames) expect(RETRY_PRESETS[name].source).toMatch(/^https:\/\//);
  });

  it('validates shapes with a message', () => {
    expect(validatePolicy(undefined)).toBeNull();
    expect(validatePolicy({ kind: 'exponential', baseMs: 1, factor: 2, maxAttempts: 0, maxDelayMs: 1 })).toContain('maxAttempts');
    expect(validatePolicy({ kind: 'preset', preset: 'acme' })).toContain('unknown retry preset');
    expect(validatePolicy({ kind: 'schedule', delaysMs: [-1] })).toContain('delaysMs');
    expect(validatePolicy({ kind: 'later' })).toContain('retry.kind');
  });
});
