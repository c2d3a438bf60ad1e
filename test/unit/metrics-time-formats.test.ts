/**
 * Partner conversion-time formats and the clock-problem rule (issue 12, "Partner truth"). Each
 * format is checked with the partner's own shape of value, read in a non-UTC zone so a time read
 * as local instead of UTC would show.
 */
import { describe, expect, it } from 'vitest';
import { checkClock, DEFAULT_CLOCK_RULE } from '../../src/metrics/clock-rule.js';
import { deriveGroup } from '../../src/metrics/derive.js';
import { readConversionTime } from '../../src/metrics/extract.js';
import type { Base } from '../../src/metrics/fact.js';
import { partnerTimeParams } from '../../src/metrics/partner-times.js';
import { readTime, readUnknown } from '../../src/metrics/time-formats.js';

process.env.TZ = 'America/New_York';

describe('partner time formats', () => {
  it('ironSource [TIMESTAMP] is YYYYMMDDHHMM (docs.unity.com/grow/en-us/levelplay/platform/settings/event-handlers), not unix ms of 1976', () => {
    expect(readTime('202405011234', { kind: 'compact', digits: 12, zone: 'UTC' })).toEqual({ ok: true, ms: Date.UTC(2024, 4, 1, 12, 34) });
    // Unlabelled, the 12 digits are still a calendar date, not 1976-05-31 as unix ms.
    expect(readUnknown('202405011234')).toEqual({ ok: true, ms: Date.UTC(2024, 4, 1, 12, 34) });
    expect(readUnknown('20240501123456')).toEqual({ ok: true, ms: Date.UTC(2024, 4, 1, 12, 34, 56) });
    expect(readTime('202402301234', { kind: 'compact', digits: 12, zone: 'UTC' })).toMatchObject({ ok: false, problem: expect.stringMatching(/^timestamp not understood: "202402301234"/) });
  });

  it('AppsFlyer event_time "2024-05-01 12:34:56(.789)" is UTC without a Z (support.appsflyer.com/hc/en-us/articles/360016751637)', () => {
    const af = partnerTimeParams(['appsflyer-partner']);
    expect(readConversionTime([['event_time', '2024-05-01 12:34:56']], [], af)).toEqual({ ms: Date.UTC(2024, 4, 1, 12, 34, 56), problem: null });
    expect(readConversionTime([['event_time', '2024-05-01 12:34:56.789']], [], af)).toEqual({ ms: Date.UTC(2024, 4, 1, 12, 34, 56, 789), problem: null });
    // A zone in the text wins; a named zone of a preset is honoured across DST.
    expect(readTime('2024-05-01T12:34:56+02:00', { kind: 'iso', zone: 'UTC' })).toEqual({ ok: true, ms: Date.UTC(2024, 4, 1, 10, 34, 56) });
    expect(readTime('2024-07-01 12:00:00', { kind: 'iso', zone: 'America/Los_Angeles' })).toEqual({ ok: true, ms: Date.UTC(2024, 6, 1, 19) });
    expect(readTime('2024-01-01 12:00:00', { kind: 'iso', zone: 'America/Los_Angeles' })).toEqual({ ok: true, ms: Date.UTC(2024, 0, 1, 20) });
  });

  it('unix seconds, ms and µs by their digits; Adjust {created_at} is seconds (help.adjust.com placeholders)', () => {
    expect(readUnknown('1714566896')).toEqual({ ok: true, ms: 1714566896000 });
    expect(readUnknown('1714566896123')).toEqual({ ok: true, ms: 1714566896123 });
    expect(readUnknown('1714566896123456')).toEqual({ ok: true, ms: 1714566896123 });
    expect(readConversionTime([['created_at', '1714566896']], [], partnerTimeParams(['adjust-partner'])).ms).toBe(1714566896000);
  });

  it('an unknown format is reported, never guessed; a leftover macro is no time and no clock problem', () => {
    expect(readConversionTime([['ts', '01/05/2024 12:34']])).toEqual({ ms: null, problem: expect.stringMatching(/^ts: timestamp not understood: "01\/05\/2024 12:34"/) });
    expect(readConversionTime([['ts', '12345678901234567890']]).problem).toMatch(/20 digits/);
    expect(readConversionTime([['ts', '{timestamp}']])).toEqual({ ms: null, problem: null });
  });
});

describe('clock problems', () => {
  const at = Date.UTC(2026, 0, 10, 12);
  it('5 min of skew is tolerated as 0 ms; beyond it, or older than 30 days, is a clock problem', () => {
    expect(checkClock(at + 4 * 60_000, at)).toEqual({ latency: 0, problem: null });
    expect(checkClock(at + 6 * 60_000, at)).toMatchObject({ latency: null, problem: expect.stringMatching(/6 min after it arrived/) });
    expect(checkClock(at - 29 * 86_400_000, at)).toEqual({ latency: 29 * 86_400_000, problem: null });
    expect(checkClock(at - 3 * 365 * 86_400_000, at)).toMatchObject({ latency: null, problem: expect.stringMatching(/3\.0 years before it arrived/) });
    expect(checkClock(at - 40 * 86_400_000, at, { ...DEFAULT_CLOCK_RULE, horizonMs: 60 * 86_400_000 }).latency).toBe(40 * 86_400_000);
  });

  it('derivation keeps a clock problem out of the latency and says why', () => {
    const capture: Base = {
      id: 1, direction: 'in', at, endpointId: null, templateId: null, profileId: null, key: 'k', event: null, value: null, currency: null,
      paramTime: at - 4 * 365 * 86_400_000, timeProblem: null, enqueuedAt: null, state: null, deliveredAt: null, attempts: 1, reasons: {},
      lastReason: null, status: 200, rejected: false, verdict: 'pass', macroTokens: 0, privacyFinding: false, reversal: false,
    };
    expect(deriveGroup([capture]).get(1)).toMatchObject({ latency: null, clockProblem: expect.stringMatching(/older than the 30 d horizon/) });
    const unreadable = { ...capture, paramTime: null, timeProblem: 'ts: timestamp not understood: "x"' };
    expect(deriveGroup([unreadable]).get(1)).toMatchObject({ latency: null, clockProblem: 'ts: timestamp not understood: "x"' });
  });
});
