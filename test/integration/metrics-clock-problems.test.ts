/**
 * Issue 12's done-when, on a real core with its SQLite file and derivation thread: one capture
 * carrying a years-old `ts` among a hundred ordinary ones made the receiver's response-time mean
 * 52 h next to a p99 under 1 s. Now that capture is a clock problem, counted apart and kept out of
 * the KPI, so the mean stays within the p99. The partners' own time formats (ironSource
 * YYYYMMDDHHMM, AppsFlyer's zoneless UTC) give response times of seconds, not decades or hours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FailuresPage, MetricsResult } from '../../src/model/metrics.js';
import { startCore, type TestCore } from '../helpers/core.js';

// Zoneless times read as local instead of UTC would be 4–5 h off here.
process.env.TZ = 'America/New_York';

let tc: TestCore;
let pb: number;
let formats: number;
const ORDINARY = 120;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

beforeAll(async () => {
  tc = await startCore();
  const endpoint = async (path: string) => {
    const created = await tc.api('/api/endpoints', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: path, path }) });
    expect(created.status).toBe(201);
    return ((await created.json()) as { id: number }).id;
  };
  pb = await endpoint('/pb');
  formats = await endpoint('/formats');
  const send = async (query: string, path = '/pb') => expect((await fetch(`${tc.core.receiverUrl}${path}?${query}`)).status).toBe(200);
  const nowS = Math.floor(Date.now() / 1000);
  for (let i = 0; i < ORDINARY; i++) await send(`click_id=c${i}&ts=${nowS}`);
  // The capture of the issue: a conversion time four years back.
  await send(`click_id=old&ts=${nowS - 4 * 365 * 86_400}`);
  // ironSource's [TIMESTAMP] (YYYYMMDDHHMM, UTC) of this minute, and AppsFlyer's event_time (UTC, no zone) of now.
  const d = new Date();
  await send(`click_id=is1&timestamp=${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`, '/formats');
  await send(`click_id=af1&event_time=${encodeURIComponent(d.toISOString().replace('T', ' ').replace('Z', ''))}`, '/formats');
  // A time in no known format: reported, not guessed.
  await send(`click_id=odd&ts=${encodeURIComponent('05/01/2024 12:34')}`, '/formats');
  await tc.core.derived.settle();
});
afterAll(async () => tc.close());

describe('response time with a years-old conversion time', () => {
  it('keeps the mean within the p99 and counts the clock problem apart (GET /api/metrics)', async () => {
    const res = await tc.api(`/api/metrics?from=-1h&endpoint=${pb}`);
    expect(res.status).toBe(200);
    const m = (await res.json()) as MetricsResult;
    const rt = m.receiver.responseTime!;
    expect(m.receiver.totals.n).toBe(ORDINARY + 1);
    expect(m.receiver.totals.clockProblems).toBe(1);
    expect(rt.count).toBe(ORDINARY);
    expect(rt.mean).toBeLessThanOrEqual(rt.p99);
    expect(m.sender.totals.clockProblems).toBe(0);
  });

  it('reads ironSource YYYYMMDDHHMM and AppsFlyer zoneless UTC as the time they are; an unknown format is a clock problem', async () => {
    const m = (await (await tc.api(`/api/metrics?from=-1h&endpoint=${formats}`)).json()) as MetricsResult;
    expect(m.receiver.totals.clockProblems).toBe(1);
    expect(m.receiver.responseTime!.count).toBe(2);
    // At most the ironSource minute (YYYYMMDDHHMM drops the seconds) plus the run: not 48 years, not 4–5 h.
    expect(m.receiver.responseTime!.p99).toBeLessThan(120_000);
  });

  it('lists each clock problem with why (GET /api/metrics/failures?kind=clock)', async () => {
    const page = (await (await tc.api('/api/metrics/failures?from=-1h&kind=clock')).json()) as FailuresPage;
    const byKey = new Map(page.items.map((r) => [r.key, r]));
    expect([...byKey.keys()].sort()).toEqual(['odd', 'old']);
    expect(byKey.get('old')!.detail).toMatch(/4\.0 years before it arrived \(older than the 30 d horizon\)/);
    expect(byKey.get('odd')!.detail).toMatch(/ts: timestamp not understood: "05\/01\/2024 12:34"/);
  });
});
