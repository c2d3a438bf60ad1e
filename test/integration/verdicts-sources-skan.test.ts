/**
 * Source allowlists and SKAdNetwork conversion-value decoding, end to end: real HTTP to the
 * receiver, verdicts computed after commit by the core's derivation thread, read over the API.
 * The SKAN body is Apple's 4.0 example postback (apple-fixtures.ts, from
 * https://developer.apple.com/documentation/storekit/verifying-an-install-validation-postback).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../src/model/profile.js';
import type { ExchangeVerdict } from '../../src/model/verdict.js';
import { startCore, type TestCore } from '../helpers/core.js';
import { skan40Coarse, skan40Fine } from '../unit/signatures/apple-fixtures.js';

let tc: TestCore;
beforeAll(async () => {
  tc = await startCore();
});
afterAll(async () => {
  await tc.close();
});
afterEach(() => {
  for (const e of tc.core.endpoints.list()) tc.core.endpoints.delete(e.id);
});

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

async function profileWith(extra: Record<string, unknown>, path: string): Promise<Profile> {
  const response = await tc.api('/api/profiles', json('POST', { name: `p ${path}`, ...extra }));
  expect(response.status).toBe(201);
  const profile = (await response.json()) as Profile;
  tc.core.endpoints.create({ name: path, path, profileId: profile.id });
  return profile;
}

async function capture(target: string, init?: RequestInit): Promise<ExchangeVerdict> {
  expect((await fetch(tc.core.receiverUrl + target, init)).status).toBe(200);
  const id = tc.core.exchanges.maxId();
  await tc.core.derived.settle();
  return (await (await tc.api(`/api/exchanges/${id}/verdict`)).json()) as ExchangeVerdict;
}

describe('source allowlist over real HTTP (the test client connects from 127.0.0.1)', () => {
  it('a profile allowing only 10.0.0.0/8 fails a capture from a public address, naming the address and the range', async () => {
    await profileWith({ allowedSources: ['10.0.0.0/8'] }, '/only-ten');
    const verdict = await capture('/only-ten?click_id=1', { headers: { 'Cf-Connecting-IP': '198.51.100.7' } });
    expect(verdict).toMatchObject({ status: 'fail', failures: 1 });
    expect(verdict.issues).toEqual([{ code: 'source-not-allowed', severity: 'fail', param: null, message: "sent from 198.51.100.7 (forwarded by a cloudflare tunnel on 127.0.0.1), outside the partner's allowed sources: 10.0.0.0/8" }]);
  });

  it('a local test capture outside the ranges passes with a warning that says where production comes from', async () => {
    await profileWith({ allowedSources: ['45.92.116.0/22'] }, '/local-test');
    const verdict = await capture('/local-test?click_id=1');
    expect(verdict).toMatchObject({ status: 'pass', failures: 0, warnings: 1 });
    expect(verdict.issues).toEqual([{ code: 'source-not-allowed', severity: 'warn', param: null, message: 'sent from 127.0.0.1, a local address: in production this partner posts from 45.92.116.0/22; a capture from anywhere else fails' }]);
  });

  it('allowing 127.0.0.0/8 passes', async () => {
    await profileWith({ allowedSources: ['127.0.0.0/8', '::1'] }, '/loopback-ok');
    expect(await capture('/loopback-ok?click_id=1')).toMatchObject({ status: 'pass', failures: 0, issues: [] });
  });

  it('through a tunnel on loopback, the client it names is judged', async () => {
    await profileWith({ allowedSources: ['127.0.0.0/8'] }, '/tunneled');
    const verdict = await capture('/tunneled?click_id=1', { headers: { 'Cf-Connecting-IP': '203.0.113.9' } });
    expect(verdict.issues[0]).toMatchObject({ code: 'source-not-allowed', message: expect.stringContaining('sent from 203.0.113.9 (forwarded by a cloudflare tunnel on 127.0.0.1)') });
  });

  it('a bad range is refused at save time with its index', async () => {
    const response = await tc.api('/api/profiles', json('POST', { name: 'bad ranges', allowedSources: ['10.0.0.0/8', '10.0.0.1/8'] }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { fields?: Array<{ field: string; message: string }> }; fields?: Array<{ field: string }> };
    expect(JSON.stringify(body)).toContain('allowedSources[1]');
    expect(JSON.stringify(body)).toContain('did you mean 10.0.0.0/8?');
  });
});

describe('SKAdNetwork conversion values decoded in the verdict API', () => {
  const skanConversion = {
    fine: {
      kind: 'bits',
      revenue: { lowBit: 0, width: 3, buckets: ['$0', '<$1', '$1–5', '$5–10', '$10–20', '$20–50', '$50–100', '$100+'] },
      events: [
        { bit: 3, label: 'registration' },
        { bit: 4, label: 'tutorial_done' },
        { bit: 5, label: 'purchase' },
      ],
    },
    coarse: { low: 'installed only', medium: 'registered', high: 'purchased' },
  };

  it("Apple's 4.0 fine postback shows its decoded meaning", async () => {
    await profileWith({ skanConversion, signature: { scheme: 'skadnetwork' } }, '/skan');
    const verdict = await capture('/skan', json('POST', skan40Fine));
    // Apple's own signature still verifies: the decoding sits beside it.
    expect(verdict.signature.status).toBe('pass');
    expect(verdict.skanConversion).toEqual({
      version: '4.0',
      postbackSequenceIndex: 0,
      window: 'first postback (conversion window days 0–2)',
      fidelityType: 1,
      fine: { value: '63', meaning: 'revenue $100+ · events: registration, tutorial_done, purchase', revenue: '$100+', events: ['registration', 'tutorial_done', 'purchase'], problem: null },
      coarse: null,
    });
  });

  it("Apple's 4.0 coarse postback shows the coarse label", async () => {
    await profileWith({ skanConversion }, '/skan-coarse');
    const verdict = await capture('/skan-coarse', json('POST', skan40Coarse));
    expect(verdict.skanConversion).toMatchObject({ fine: null, coarse: { value: 'high', meaning: 'purchased', problem: null } });
  });

  it('a table with a gap is refused at save time', async () => {
    const response = await tc.api('/api/profiles', json('POST', { name: 'gap', skanConversion: { fine: { kind: 'table', entries: [{ from: 0, to: 40, label: 'a' }] } } }));
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('not covered: 41–63');
  });
});
