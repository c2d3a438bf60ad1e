import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../src/model/profile.js';
import type { ExchangeVerdict } from '../../src/model/verdict.js';
import { startCore, type TestCore } from '../helpers/core.js';

const profileFixture = JSON.parse(readFileSync(new URL('../fixtures/verify/profile.json', import.meta.url), 'utf8')) as Record<string, unknown>;

let tc: TestCore;
beforeAll(async () => {
  tc = await startCore();
});
afterAll(async () => tc.close());

const post = (path: string, body: unknown, method = 'POST'): Promise<Response> =>
  tc.api(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('the sender signs with a profile, the receiver verifies with the same profile', () => {
  it('a postback sent with a profile arrives with a valid signature; a wrong secret makes it fail', async () => {
    const profile = (await (await post('/api/profiles', profileFixture)).json()) as Profile;
    expect((await post(`/api/profiles/${profile.id}/secret`, { secret: 'partner-secret-1a2b' }, 'PUT')).status).toBe(200);
    await post('/api/endpoints', { name: 'partner', path: '/pb', profileId: profile.id });
    const template = { name: 'signed', method: 'GET', url: `${tc.core.receiverUrl}/pb?click_id={click_id}&event=install&payout={payout}&currency=USD`, headers: [], bodyMode: 'none', body: '', dialect: 'curly', profileId: profile.id };

    const sent = await post('/api/send', { template, vars: { click_id: 'signed-1', payout: '9.50' } });
    expect(sent.status).toBe(200);
    const result = (await sent.json()) as { delivered: boolean; preview: { notes: string[]; url: string } };
    expect(result.delivered).toBe(true);
    expect(result.preview.notes.join('\n')).toMatch(/Signed with hmac/);
    expect(result.preview.notes.join('\n')).not.toContain('partner-secret-1a2b');

    const captured = (await (await tc.api('/api/exchanges/wait?param.click_id=signed-1&timeout=3000')).json()) as { id: number; url: string };
    await tc.core.derived.settle();
    const verdict = (await (await tc.api(`/api/exchanges/${captured.id}/verdict`)).json()) as ExchangeVerdict;
    expect(verdict.signature.status).toBe('pass');

    expect((await post(`/api/profiles/${profile.id}/secret`, { secret: 'another-secret-9z9z' }, 'PUT')).status).toBe(200);
    await post('/api/send', { template, vars: { click_id: 'signed-2', payout: '9.50' } });
    // Sender and receiver share the profile: both now use the new secret, so it still verifies…
    const second = (await (await tc.api('/api/exchanges/wait?param.click_id=signed-2&timeout=3000')).json()) as { id: number };
    await tc.core.derived.settle();
    expect(((await (await tc.api(`/api/exchanges/${second.id}/verdict`)).json()) as ExchangeVerdict).signature.status).toBe('pass');
    // …while the first capture, signed with the old secret, now fails when re-judged.
    await tc.core.derived.settle();
    expect(((await (await tc.api(`/api/exchanges/${captured.id}/verdict`)).json()) as ExchangeVerdict).signature.status).toBe('fail');
  });

  it('refuses to send unsigned when the profile has no secret', async () => {
    const profile = (await (await post('/api/profiles', { ...profileFixture, name: 'no secret' })).json()) as Profile;
    const template = { name: 'signed', method: 'GET', url: `${tc.core.receiverUrl}/pb?click_id=x`, headers: [], bodyMode: 'none', body: '', dialect: 'curly', profileId: profile.id };
    const refused = await post('/api/send', { template });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toMatch(/no secret or key to sign with/);
  });
});
