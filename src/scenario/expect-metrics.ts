import type { SideMetrics } from '../model/metrics.js';
import type { Outcome } from './expect-arrival.js';
import { sleep, type RunContext } from './run-context.js';

const settleMs = 15_000;

/** `">= 0.98"`, `">= 98%"`, `"<= 2000"` (the schema has checked the form). */
export function parseComparison(text: string): { op: string; value: number } {
  const m = /^\s*(>=|<=|>|<|==)\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text)!;
  return { op: m[1]!, value: Number(m[2]) / (m[3] ? 100 : 1) };
}

export function holds(actual: number, op: string, expected: number): boolean {
  switch (op) {
    case '>=':
      return actual >= expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '<':
      return actual < expected;
    default:
      return actual === expected;
  }
}

/**
 * The KPIs of this run's window, once the metrics have counted everything and no send is still
 * retrying: judged earlier, a rate would miss the postbacks still in flight.
 */
async function settledSide(ctx: RunContext, side: 'sender' | 'receiver'): Promise<SideMetrics> {
  const deadline = Date.now() + settleMs;
  for (;;) {
    const result = await ctx.api.call('getMetrics', { query: { from: ctx.startedAt, to: 'now' } });
    const settled = result.lag === 0 && result.sender.totals.pending === 0;
    if (settled || Date.now() >= deadline) return result[side];
    await sleep(150);
  }
}

export async function expectDeliveryRate(comparison: string, side: 'sender' | 'receiver', ctx: RunContext): Promise<Outcome> {
  const { op, value } = parseComparison(comparison);
  const metrics = await settledSide(ctx, side);
  if (metrics.deliveryRate === null) return { ok: false, message: `no ${side === 'sender' ? 'sent' : 'captured'} postbacks were counted, so there is no delivery rate` };
  const t = metrics.totals;
  const shown = `delivery rate ${(metrics.deliveryRate * 100).toFixed(2)} % (${t.delivered} delivered, ${t.failed} failed of ${t.n})`;
  return { ok: holds(metrics.deliveryRate, op, value), message: `${shown}, expected ${op} ${(value * 100).toFixed(2)} %` };
}

export async function expectPercentile(which: 'p50' | 'p90' | 'p99', comparison: string, side: 'sender' | 'receiver', ctx: RunContext): Promise<Outcome> {
  const { op, value } = parseComparison(comparison);
  const metrics = await settledSide(ctx, side);
  const time = metrics.responseTime;
  if (time === null || time.count === 0) return { ok: false, message: `no response times were counted on the ${side} side` };
  const actual = time[which];
  return { ok: holds(actual, op, value), message: `${which} response time ${Math.round(actual)} ms over ${time.count}${time.exact ? '' : ' (from the histogram, ±6 %)'}, expected ${op} ${value} ms` };
}
