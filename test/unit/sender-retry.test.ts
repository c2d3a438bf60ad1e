import { describe, expect, it } from 'vitest';
import { disableAfter, nextDelay, validatePolicy } from '../../src/sender/retry-policy.js';

const minute = 60_000;
const fail = (status: number | null) => ({ status });
const plan = (policy: Parameters<typeof nextDelay>[0], failure = fail(500), random = () => 0) => {
  const delays: number[] = [];
  for (let attempt = 1; attempt < 50; attempt++) {
    const delay = nextDelay(policy, attempt, failure, random);
    if (delay === null) break;
    delays.push(delay);
  }
  return delays;
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

  it('Singular: 1, 5, 15, 30, 60 minutes', () => {
    expect(plan({ kind: 'preset', preset: 'singular' }, fail(404))).toEqual([1, 5, 15, 30, 60].map((m) => m * minute));
  });

  it('Adjust: 6 retries spread over 24 hours', () => {
    const delays = plan({ kind: 'preset', preset: 'adjust' });
    expect(delays).toHaveLength(6);
    expect(Math.abs(delays.reduce((a, b) => a + b, 0) - 24 * 60 * minute)).toBeLessThan(10);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
  });

  it('Everflow-like: no retry, the destination is disabled after N consecutive failures (default 5)', () => {
    expect(plan({ kind: 'preset', preset: 'everflow' })).toEqual([]);
    expect(disableAfter({ kind: 'preset', preset: 'everflow' })).toBe(5);
    expect(disableAfter({ kind: 'preset', preset: 'everflow', disableAfter: 2 })).toBe(2);
    expect(disableAfter({ kind: 'preset', preset: 'singular' })).toBeNull();
    expect(disableAfter({ kind: 'none' })).toBeNull();
  });

  it('validates shapes with a message', () => {
    expect(validatePolicy(undefined)).toBeNull();
    expect(validatePolicy({ kind: 'exponential', baseMs: 1, factor: 2, maxAttempts: 0, maxDelayMs: 1 })).toContain('maxAttempts');
    expect(validatePolicy({ kind: 'preset', preset: 'branch' })).toContain('unknown retry preset');
    expect(validatePolicy({ kind: 'schedule', delaysMs: [-1] })).toContain('delaysMs');
    expect(validatePolicy({ kind: 'later' })).toContain('retry.kind');
  });
});
