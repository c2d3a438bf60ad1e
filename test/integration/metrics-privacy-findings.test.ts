/**
 * Issue 15, "Metrics count privacy findings per partner": on a real core (SQLite file, verdict
 * worker, derivation thread), two partners' endpoints receive captures with and without an e-mail
 * in clear; GET /api/metrics filtered by profile counts the captures with a privacy-* issue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsResult } from '../../src/model/metrics.js';
import { startCore, type TestCore } from '../helpers/core.js';

let tc: TestCore;
const profiles: Record<string, number> = {};

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

async function created(path: string, body: unknown): Promise<number> {
  const res = await tc.api(path, json('POST', body));
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: number }).id;
}

async function capture(path: string, query: string): Promise<void> {
  expect((await fetch(`${tc.core.receiverUrl}${path}?${query}`)).status).toBe(200);
}

async function receiver(filter: string): Promise<MetricsResult['receiver']> {
  await tc.core.derived.settle();
  const res = await tc.api(`/api/metrics?from=-1h&${filter}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as MetricsResult).receiver;
}

beforeAll(async () => {
  tc = await startCore();
  profiles.alpha = await created('/api/profiles', { name: 'alpha', correlationKeys: ['click_id'] });
  profiles.beta = await created('/api/profiles', { name: 'beta', correlationKeys: ['click_id'] });
  await created('/api/endpoints', { name: 'alpha', path: '/alpha', profileId: profiles.alpha });
  await created('/api/endpoints', { name: 'beta', path: '/beta', profileId: profiles.beta });
  // alpha: two captures with an e-mail in clear (one with a raw IP too: still one finding), one clean.
  await capture('/alpha', 'click_id=a1&event=install&email=jane.doe%40example.com');
  await capture('/alpha', 'click_id=a2&event=install&email=john%40example.org&ip=203.0.113.7');
  await capture('/alpha', 'click_id=a3&event=install');
  // beta: one with an e-mail in clear, two clean (a hashed e-mail is what partners expect).
  await capture('/beta', 'click_id=b1&event=install&user_email=ann%40example.net');
  await capture('/beta', 'click_id=b2&event=install');
  await capture('/beta', `click_id=b3&event=install&em=${'a'.repeat(64)}`);
  // Verdicts are computed in the background: wait until each capture has one before counting.
  for (let i = 0; i < 100; i++) {
    const r = await receiver('');
    if (r.totals.verdictPending === 0 && r.totals.n === 6) break;
    await new Promise((done) => setTimeout(done, 50));
  }
});
afterAll(async () => tc.close());

describe('privacy findings per partner', () => {
  it('counts the captures with a privacy-* issue per profile, once per capture', async () => {
    const alpha = await receiver(`profile=${profiles.alpha}`);
    expect(alpha.totals).toMatchObject({ n: 3, privacyFindings: 2, verdictPending: 0 });
    const beta = await receiver(`profile=${profiles.beta}`);
    expect(beta.totals).toMatchObject({ n: 3, privacyFindings: 1, verdictPending: 0 });
  });

  it('sums across partners without a filter, and the sender side has none', async () => {
    const all = (await (await tc.api('/api/metrics?from=-1h')).json()) as MetricsResult;
    expect(all.receiver.totals.privacyFindings).toBe(3);
    expect(all.sender.totals.privacyFindings).toBe(0);
  });

  it('a profile with privacy checks off has no findings after its captures are judged again', async () => {
    const res = await tc.api(`/api/profiles/${profiles.beta}`);
    const profile = (await res.json()) as Record<string, unknown>;
    expect((await tc.api(`/api/profiles/${profiles.beta}`, json('PUT', { ...profile, privacyChecks: 'off' }))).status).toBe(200);
    let beta = await receiver(`profile=${profiles.beta}`);
    for (let i = 0; i < 100 && beta.totals.privacyFindings !== 0; i++) {
      await new Promise((done) => setTimeout(done, 50));
      beta = await receiver(`profile=${profiles.beta}`);
    }
    expect(beta.totals.privacyFindings).toBe(0);
    expect((await receiver(`profile=${profiles.alpha}`)).totals.privacyFindings).toBe(2);
  });
});
