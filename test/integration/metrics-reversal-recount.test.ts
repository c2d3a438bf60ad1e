/**
 * Issue 12, reversals: marking an event as a reversal in a profile re-derives the metric facts
 * already captured, so the KPIs net out a chargeback captured before the profile named it, without
 * capturing anything again (and un-marking it counts the conversion back).
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/index.js';
import type { MetricsResult } from '../../src/model/metrics.js';
import type { Profile } from '../../src/model/profile.js';
import { ProfileService } from '../../src/profiles/profile-service.js';
import { SECRET_KEY_BYTES, SecretCipher } from '../../src/profiles/secret-cipher.js';
import { openDatabase } from '../../src/store/open-database.js';
import { startCore, type TestCore } from '../helpers/core.js';

let tc: TestCore;
const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

async function receiverTotals(endpointId: number): Promise<MetricsResult['receiver']['totals']> {
  await tc.core.derived.settle();
  const res = await tc.api(`/api/metrics?from=-1h&endpoint=${endpointId}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as MetricsResult).receiver.totals;
}

beforeAll(async () => {
  tc = await startCore();
});
afterAll(async () => tc.close());

describe('editing reversalEvents recounts past facts', () => {
  let profile: Profile;
  let endpointId: number;

  beforeAll(async () => {
    const created = await tc.api('/api/profiles', json('POST', { name: 'partner, chargebacks named later', correlationKeys: ['click_id'] }));
    expect(created.status).toBe(201);
    profile = (await created.json()) as Profile;
    const ep = await tc.api('/api/endpoints', json('POST', { name: 'pb', path: '/pb', profileId: profile.id }));
    expect(ep.status).toBe(201);
    endpointId = ((await ep.json()) as { id: number }).id;
    for (const query of ['click_id=c1&event=purchase&payout=4.00&currency=USD', 'click_id=c2&event=purchase&payout=1.00&currency=USD', 'click_id=c1&event=chargeback&payout=4.00&currency=USD']) {
      expect((await fetch(`${tc.core.receiverUrl}/pb?${query}`)).status).toBe(200);
    }
  });

  it('before the profile names it, the chargeback is just another conversion', async () => {
    expect(await receiverTotals(endpointId)).toMatchObject({ n: 3, conversions: 3, reversals: 0, reversed: 0 });
  });

  it('marking chargeback as a reversal nets the purchase out, without recapturing', async () => {
    const captured = tc.core.exchanges.maxId();
    const res = await tc.api(`/api/profiles/${profile.id}`, json('PUT', { ...profile, reversalEvents: ['chargeback'] }));
    expect(res.status).toBe(200);
    const t = await receiverTotals(endpointId);
    expect(t).toMatchObject({ n: 3, conversions: 2, reversals: 1, reversed: 1 });
    expect(t.valueSum).toBeCloseTo(5);
    expect(t.reversedValueSum).toBeCloseTo(4);
    expect(tc.core.exchanges.maxId()).toBe(captured);
  });

  it('un-marking it counts the purchase back', async () => {
    const res = await tc.api(`/api/profiles/${profile.id}`, json('PUT', { ...profile, reversalEvents: [] }));
    expect(res.status).toBe(200);
    expect(await receiverTotals(endpointId)).toMatchObject({ n: 3, conversions: 3, reversals: 0, reversed: 0 });
  });
});

describe('the recount does not wait for the verdicts', () => {
  it('a profile edit marks its facts for the metrics worker by itself, with no verdict re-run to carry it', async () => {
    // Captured and counted by a real core, which is then closed (its data folder kept)…
    const core = await startCore();
    const created = await core.api('/api/profiles', json('POST', { name: 'p', correlationKeys: ['click_id'] }));
    const p = (await created.json()) as Profile;
    const ep = (await (await core.api('/api/endpoints', json('POST', { name: 'pb', path: '/pb', profileId: p.id }))).json()) as { id: number };
    for (const query of ['click_id=k1&event=purchase&payout=3&currency=USD', 'click_id=k1&event=chargeback&payout=3&currency=USD']) {
      expect((await fetch(`${core.core.receiverUrl}/pb?${query}`)).status).toBe(200);
    }
    await core.core.derived.settle();
    await core.core.close();

    // …then the profile is edited with only a profile service and the metrics module on the file:
    // no verdict service is there to mark anything stale.
    const db = openDatabase(join(core.dataDir, 'postbacks.sqlite'));
    const profiles = new ProfileService(db, new SecretCipher(randomBytes(SECRET_KEY_BYTES), 'test'));
    const metrics = createMetrics({ db, profiles, pollMs: 60_000 });
    try {
      metrics.start();
      const filter = { from: 0, to: Date.now() + 60_000, direction: 'in' as const, endpointId: ep.id, profileId: null, templateId: null };
      metrics.drain();
      expect(metrics.query(filter).receiver.totals).toMatchObject({ n: 2, conversions: 2, reversals: 0 });
      profiles.update(p.id, { ...p, reversalEvents: ['chargeback'] });
      expect(db.prepare('SELECT count(*) FROM metrics_dirty').pluck().get()).toBe(2);
      metrics.drain();
      expect(metrics.query(filter).receiver.totals).toMatchObject({ n: 2, conversions: 1, reversals: 1, reversed: 1 });
      // A secret does not change what a fact says: nothing to recount.
      profiles.setSecret(p.id, { secret: 'not-a-real-secret' });
      expect(db.prepare('SELECT count(*) FROM metrics_dirty').pluck().get()).toBe(0);
    } finally {
      metrics.close();
      db.close();
      rmSync(core.dataDir, { recursive: true, force: true });
    }
  });
});
