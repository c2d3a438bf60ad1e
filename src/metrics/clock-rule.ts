/**
 * When a conversion time cannot be the start of a response time: it lies in the future of the
 * delivery/capture (the partner's clock, or a wrong format), or so far back that the postback is a
 * replay or a test with a stale `ts`. One such capture made a receiver's mean 52 h beside a p99
 * under 1 s; these are counted apart as clock problems and kept out of the KPI. Pure.
 */

export interface ClockRule {
  /** A conversion time up to this far after the delivery/capture is clock skew, read as 0 ms. */
  skewMs: number;
  /** A conversion time older than this before the delivery/capture is a clock problem. */
  horizonMs: number;
}

export const DEFAULT_CLOCK_RULE: ClockRule = { skewMs: 5 * 60_000, horizonMs: 30 * 86_400_000 };

export type ClockCheck = { latency: number; problem: null } | { latency: null; problem: string };

/** The response time from `conversionAt` to `reference` (both ms), or the clock problem that rules it out. */
export function checkClock(conversionAt: number, reference: number, rule: ClockRule = DEFAULT_CLOCK_RULE): ClockCheck {
  const latency = reference - conversionAt;
  if (latency < -rule.skewMs) return { latency: null, problem: `conversion time ${iso(conversionAt)} is ${span(-latency)} after it arrived (more than ${span(rule.skewMs)} of clock skew)` };
  if (latency > rule.horizonMs) return { latency: null, problem: `conversion time ${iso(conversionAt)} is ${span(latency)} before it arrived (older than the ${span(rule.horizonMs)} horizon)` };
  return { latency: Math.max(0, latency), problem: null };
}

const iso = (ms: number): string => (Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : String(ms));

/** 7 min, 3.2 h, 45 d, 2.1 years: enough to see what went wrong. */
function span(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 120) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  const days = hours / 24;
  return days < 730 ? `${Math.round(days)} d` : `${(days / 365.25).toFixed(1)} years`;
}
