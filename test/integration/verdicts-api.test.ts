import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile, ProfilePreset } from '../../src/model/profile.js';
import type { ExchangeVerdict, VerdictSummary } from '../../src/model/verdict.js';
import type { VerdictService } from '../../src/verdicts/verdict-service.js';
import { openLog, startCore, type TestCore } from '../helpers/core.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/verify/${name}`, import.meta.url));
const profileFixture = JSON.parse(fixture('profile.json').toString('utf8')) as Record<string, unknown>;
const SECRET = 'partner-secret-1a2b';

let tc: TestCore;
let verdicts: VerdictService;
let api: TestCore['api'];

/** WIRING: after wiring, replace the body with `return { service: tc.core.verdicts, api: tc.api }`. */
async function wire(): Promise<{ service: VerdictService; api: TestCore['api'] }> {
  return { service: tc.core.verdicts, api: tc.api };
}

beforeAll(async () => {
  tc = await startCore();
  ({ service: verdicts, api } = await wire());
});
afterAll(async () => {
  verdicts.close();
  await tc.close();
});

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const text = async (path: string, init?: RequestInit) => (await api(path, init)).text();

describe('profiles API', () => {
  it('creates, reads, replaces and deletes profiles, refusing invalid ones field by field', async () => {
    const created = await api('/api/profiles', json('POST', profileFixture));
    expect(created.status).toBe(201);
    const profile = (await created.json()) as Profile;
    expect(profile).toMatchObject({ id: expect.any(Number), name: profileFixture['name'], secret: null });

    const bad = await api('/api/profiles', json('POST', { name: 'x', params: [{ name: 'p', pattern: '[' }] }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'INVALID_PROFILE', fields: [{ field: 'params[0].pattern' }] } });

    // A GET-then-PUT round trip works: stored fields (id, secret, dates) are ignored.
    const replaced = await api(`/api/profiles/${profile.id}`, json('PUT', { ...profile, name: 'Renamed' }));
    expect(((await replaced.json()) as Profile).name).toBe('Renamed');
    expect((await api(`/api/profiles/${profile.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/api/profiles/${profile.id}`)).status).toBe(404);
  });

  it('lists presets with their sources and adds one as a profile', async () => {
    const presets = (await (await api('/api/profile-presets')).json()) as ProfilePreset[];
    const keitaroSources = presets.find((p) => p.id === 'keitaro')!.sources;
    expect(keitaroSources.length).toBeGreaterThan(0);
    expect(keitaroSources.every((s) => /^https:\/\/docs\.keitaro\.io/.test(s))).toBe(true);
    const added = await api('/api/profile-presets/voluum', { method: 'POST' });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ name: 'Voluum', preset: 'voluum', params: expect.arrayContaining([expect.objectContaining({ name: 'cid', presence: 'required' })]) });
  });
});

describe('secrets are never returned in clear', () => {
  it('answers, lists and shows the secret masked only', async () => {
    const profile = (await (await api('/api/profiles', json('POST', profileFixture))).json()) as Profile;
    const set = await api(`/api/profiles/${profile.id}/secret`, json('PUT', { secret: SECRET, encoding: 'utf8' }));
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ kind: 'shared', encoding: 'utf8', masked: '••••1a2b', updatedAt: expect.any(Number) });
    for (const path of ['/api/profiles', `/api/profiles/${profile.id}`]) {
      const body = await text(path);
      expect(body).not.toContain(SECRET);
      expect(body).toContain('••••1a2b');
    }
    // Nor in the table that holds profiles: the secret lives in its own table.
    expect(JSON.stringify(openLog(tc.core).prepare('SELECT * FROM profiles').all())).not.toContain(SECRET);
  });

  it('refuses unusable secrets without quoting them, even in a body that is not JSON', async () => {
    const profile = (await (await api('/api/profiles', json('POST', profileFixture))).json()) as Profile;
    const badHex = await api(`/api/profiles/${profile.id}/secret`, json('PUT', { secret: 'zz-not-hex-secret', encoding: 'hex' }));
    expect(badHex.status).toBe(400);
    expect(await badHex.text()).not.toContain('zz-not-hex-secret');
    const broken = await api(`/api/profiles/${profile.id}/secret`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"secret": "leaky-secret-value' });
    expect(broken.status).toBe(400);
    expect(await broken.text()).not.toContain('leaky-secret-value');
  });

  it('masks a secret that is part of a signed string in a verify answer and in the stored verdict', async () => {
    const options = { fields: ['click_id'], separator: ':', signature: { in: 'query', name: 'hash' } };
    const profile = (await (await api('/api/profiles', json('POST', { name: 'Offerwall', signature: { scheme: 'concat-hash', options } }))).json()) as Profile;
    await api(`/api/profiles/${profile.id}/secret`, json('PUT', { secret: SECRET }));
    tc.core.endpoints.create({ name: 'offerwall', path: '/ow', profileId: profile.id });
    await fetch(`${tc.core.receiverUrl}/ow?click_id=abc&hash=00`);
    const id = tc.core.exchanges.maxId();
    await tc.core.derived.settle();
    const stored = (await (await api(`/api/exchanges/${id}/verdict`)).json()) as ExchangeVerdict;
    expect(stored.signature.explain!.canonical).toBe('abc:••••1a2b');
    expect(JSON.stringify(openLog(tc.core).prepare('SELECT detail FROM verdicts').all())).not.toContain(SECRET);
    const answer = await text('/api/verify', json('POST', { exchangeId: id, scheme: 'concat-hash', options, secret: SECRET }));
    expect(answer).not.toContain(SECRET);
    expect(answer).toContain('abc:••••1a2b');
  });
});

describe('POST /api/verify', () => {
  it('verifies a raw request message with a scheme, options and a secret', async () => {
    const profile = JSON.parse(fixture('profile.json').toString('utf8')) as { signature: { options: Record<string, unknown> } };
    const body = { raw: fixture('hmac-valid.http').toString('latin1'), scheme: 'hmac', options: profile.signature.options, secret: SECRET };
    const valid = (await (await api('/api/verify', json('POST', body))).json()) as ExchangeVerdict & { notes: string[] };
    expect(valid).toMatchObject({ exchangeId: null, status: 'pass', signature: { status: 'pass', explain: { canonical: 'click_id=abc123&currency=USD&event=install&payout=1.50' } } });
    const tampered = (await (await api('/api/verify', json('POST', { ...body, raw: fixture('hmac-tampered.http').toString('latin1') }))).json()) as ExchangeVerdict;
    expect(tampered.signature).toMatchObject({ status: 'fail', explain: { valid: false, cause: expect.stringMatching(/signature mismatch/) } });
  });

  it('verifies a captured exchange with a saved profile, or an unsaved draft of one', async () => {
    const saved = (await (await api('/api/profiles', json('POST', profileFixture))).json()) as Profile;
    await api(`/api/profiles/${saved.id}/secret`, json('PUT', { secret: SECRET }));
    await fetch(tc.core.receiverUrl + fixture('hmac-valid.http').toString('latin1').split(' ')[1]);
    const id = tc.core.exchanges.maxId();
    const withSaved = (await (await api('/api/verify', json('POST', { exchangeId: id, profileId: saved.id }))).json()) as ExchangeVerdict;
    expect(withSaved).toMatchObject({ exchangeId: id, status: 'pass', profileId: saved.id });
    const withDraft = (await (await api('/api/verify', json('POST', { exchangeId: id, profile: profileFixture, secret: 'another-secret-zzzz' }))).json()) as ExchangeVerdict;
    expect(withDraft).toMatchObject({ status: 'fail', profileId: null, signature: { status: 'fail' } });
  });

  it('answers 400 with the field for unusable input, 404 for unknown ids', async () => {
    const noInput = await api('/api/verify', json('POST', { scheme: 'hmac' }));
    expect(noInput.status).toBe(400);
    expect(await noInput.json()).toMatchObject({ error: { code: 'INVALID_VERIFY_REQUEST', fields: [{ field: 'raw' }] } });
    const notHttp = await api('/api/verify', json('POST', { raw: 'hello', scheme: 'hmac' }));
    expect(await notHttp.json()).toMatchObject({ error: { code: 'INVALID_VERIFY_REQUEST', message: expect.stringMatching(/request line/) } });
    expect((await api('/api/verify', json('POST', { exchangeId: 999999, scheme: 'hmac' }))).status).toBe(404);
    expect((await api('/api/exchanges/999999/verdict')).status).toBe(404);
  });

  it('serves badges for a page of the list and the scheme catalogue', async () => {
    await fetch(`${tc.core.receiverUrl}/badge?click_id={click_id}`);
    const id = tc.core.exchanges.maxId();
    await tc.core.derived.settle();
    const badges = (await (await api(`/api/verdicts?ids=${id},abc,${id + 100}`)).json()) as VerdictSummary[];
    expect(badges).toEqual([{ exchangeId: id, status: 'fail', signature: 'none', failures: 1, warnings: 0, profileId: null }]);
    const schemes = (await (await api('/api/signature-schemes')).json()) as Array<{ id: string; defaults: unknown }>;
    expect(schemes.map((s) => s.id)).toEqual(expect.arrayContaining(['hmac', 'concat-hash', 'github', 'skadnetwork', 'adattributionkit']));
  });
});
