import { createHmac, sign as edSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../src/model/profile.js';
import type { ExchangeVerdict, VerdictSummary } from '../../src/model/verdict.js';
import { privateKeyFrom } from '../../src/signatures/ec-keys.js';
import { startCore, type TestCore } from '../helpers/core.js';

/**
 * Issue #12, Signatures: each fix over real HTTP — a capture through the receiver and its stored
 * verdict, or POST /api/verify with a raw request — built from the partners' documented examples.
 */
const fixture = (name: string) => readFileSync(new URL(`../fixtures/verify/${name}`, import.meta.url));
const profileFixture = JSON.parse(fixture('profile.json').toString('utf8')) as Record<string, unknown>;

let tc: TestCore;
const announced: VerdictSummary[] = [];
beforeAll(async () => {
  tc = await startCore();
  tc.core.verdicts.onVerdicts((batch) => announced.push(...batch));
});
afterAll(async () => {
  tc.core.verdicts.close();
  await tc.close();
});
afterEach(() => {
  for (const e of tc.core.endpoints.list()) tc.core.endpoints.delete(e.id);
  announced.length = 0;
});

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const verify = async (body: Record<string, unknown>) => {
  const res = await tc.api('/api/verify', json('POST', body));
  expect(res.status).toBe(200);
  return (await res.json()) as ExchangeVerdict;
};
const rawPost = (target: string, host: string, headers: string[], body: string) =>
  [`POST ${target} HTTP/1.1`, `Host: ${host}`, ...headers, `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n');

describe('uppercase hex: a captured postback is valid, says so, and the list shows a warning, not a plain pass', () => {
  it('stores pass + note + a signature-spelling warning; given and expected differ only in letter case', async () => {
    const profile = (await (await tc.api('/api/profiles', json('POST', profileFixture))).json()) as Profile;
    await tc.api(`/api/profiles/${profile.id}/secret`, json('PUT', { secret: 'partner-secret-1a2b' }));
    tc.core.endpoints.create({ name: 'partner', path: '/pb', profileId: profile.id });
    // The fixture's valid postback (test/fixtures/verify/README.md) with its hex signature uppercased.
    const target = fixture('hmac-valid.http').toString('latin1').split(' ')[1]!.replace(/sig=([0-9a-f]+)/, (_m, h: string) => `sig=${h.toUpperCase()}`);
    expect((await fetch(tc.core.receiverUrl + target)).status).toBe(200);
    const id = tc.core.exchanges.maxId();
    await tc.core.derived.settle();
    const verdict = (await (await tc.api(`/api/exchanges/${id}/verdict`)).json()) as ExchangeVerdict;
    expect(verdict).toMatchObject({ status: 'pass', failures: 0, warnings: 1, signature: { status: 'pass', explain: { valid: true, caseInsensitive: true, note: expect.stringMatching(/^valid; the partner sent uppercase hex/) } } });
    expect(verdict.issues).toEqual([expect.objectContaining({ code: 'signature-spelling', severity: 'warn' })]);
    expect(verdict.signature.explain!.given!.toLowerCase()).toBe(verdict.signature.explain!.expected);
    // The list badge (the verdicts event) carries the warning.
    expect(announced).toContainEqual({ exchangeId: id, status: 'pass', signature: 'pass', failures: 0, warnings: 1, profileId: profile.id });
  });
});

describe('Twilio over POST /api/verify (documented example: token 12345, https://mycompany.com/myapp.php?foo=1&bar=2)', () => {
  // https://www.twilio.com/docs/usage/webhooks/webhooks-security; port handling as twilio-node's validateRequest.
  const form = 'CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212';
  const raw = (headers: string[]) => rawPost('/myapp.php?foo=1&bar=2', 'mycompany.com', ['Content-Type: application/x-www-form-urlencoded', ...headers], form);

  it('accepts the documented signature for the URL given with :443', async () => {
    const v = await verify({ raw: raw(['X-Twilio-Signature: 0/KCTR6DLpKmkAf8muzZqo1nDgQ=']), scheme: 'twilio', secret: '12345', url: 'https://mycompany.com:443/myapp.php?foo=1&bar=2' });
    expect(v.signature).toMatchObject({ status: 'pass', explain: { valid: true, expected: '0/KCTR6DLpKmkAf8muzZqo1nDgQ=' } });
    expect(v.signature.explain!.details.join(' ')).toMatch(/port :443 removed/);
  });

  it('reads X-Twilio-Webhooks-Signature-Settings: HMAC-SHA256 with the SharedKey secret', async () => {
    // twilio-node examples/WebhookSignatureValidation.md: only the hash changes.
    const params = 'CallSidCA1234567890ABCDECaller+12349013030Digits1234From+12349013030To+18005551212';
    const sig = createHmac('sha256', 'shared-key-secret').update(`https://mycompany.com/myapp.php?foo=1&bar=2${params}`).digest('base64');
    const request = raw(['X-Twilio-Webhooks-Signature-Settings: key=KS0123,algorithm=HMAC_SHA256', `X-Twilio-Signature: ${sig}`]);
    const ok = await verify({ raw: request, scheme: 'twilio', secret: 'shared-key-secret', url: 'https://mycompany.com' });
    expect(ok.signature.status).toBe('pass');
    const token = await verify({ raw: request, scheme: 'twilio', secret: '12345', url: 'https://mycompany.com' });
    expect(token.signature.explain!.cause).toMatch(/SharedKey KS0123 .* not the Auth Token/);
  });
});

describe('Standard Webhooks v1a over POST /api/verify with a whpk_ public key', () => {
  // Spec: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
  // (example message and header shape); key pair: RFC 8032 §7.1 TEST 1.
  const whsk = `whsk_${Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex').toString('base64')}`;
  const whpk = `whpk_${Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex').toString('base64')}`;
  const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
  const ts = 1674087231;
  const body = '{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344522Z","data":{"id":"1f81eb52-5198-4599-803e-771906343485"}}';
  const v1a = edSign(null, Buffer.from(`${id}.${ts}.${body}`), privateKeyFrom(whsk)).toString('base64');
  const raw = (b = body) => rawPost('/hooks', '127.0.0.1', ['Content-Type: application/json', `webhook-id: ${id}`, `webhook-timestamp: ${ts}`, `webhook-signature: v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= v1a,${v1a}`], b);

  it('verifies with the public key given as a public-key secret, and fails a changed body', async () => {
    const secret = { secret: whpk, kind: 'public-key' };
    const ok = await verify({ raw: raw(), scheme: 'standard-webhooks', secret, now: ts });
    expect(ok.signature).toMatchObject({ status: 'pass', explain: { valid: true, expected: null } });
    const bad = await verify({ raw: raw(body.replace('created', 'deleted')), scheme: 'standard-webhooks', secret, now: ts });
    expect(bad.signature).toMatchObject({ status: 'fail', explain: { valid: false } });
  });

  it('stores a whpk_ key on a profile (the secrets API accepts it) and verifies a capture with it', async () => {
    const profile = (await (await tc.api('/api/profiles', json('POST', { ...profileFixture, params: [], signature: { scheme: 'standard-webhooks' } }))).json()) as Profile;
    const put = await tc.api(`/api/profiles/${profile.id}/secret`, json('PUT', { secret: whpk, kind: 'public-key' }));
    expect(put.status).toBe(200);
    const v = await verify({ raw: raw(), profileId: profile.id, now: ts });
    expect(v.signature.status).toBe('pass');
  });
});

describe('ayeT-Studios double-encoded variant over POST /api/verify', () => {
  // docs.ayetstudios.com › HMAC Security Hash (key 9f2228fea0d8e7ce10b2ac36053db14c); earlier sample
  // urlencode()s each value before http_build_query (the page's PDF export).
  const key = '9f2228fea0d8e7ce10b2ac36053db14c';
  const target = '/postback/?transaction_id=8ee08f32ae611231b0a49d1bd66e9bf193132561&amount=0.10&payout=1.50&user_id=testuser123456&click_id=1234abcd5678021&offer_name=TEST+OFFER';
  const twice = 'amount=0.10&click_id=1234abcd5678021&offer_name=TEST%2BOFFER&payout=1.50&transaction_id=8ee08f32ae611231b0a49d1bd66e9bf193132561&user_id=testuser123456';

  it('names the double encoding as the likeliest cause', async () => {
    const hash = createHmac('sha256', key).update(twice).digest('hex');
    const raw = [`GET ${target} HTTP/1.1`, 'Host: your-site.com', `X-Ayetstudios-Security-Hash: ${hash}`, '', ''].join('\r\n');
    const v = await verify({ raw, scheme: 'ayet', secret: key });
    expect(v.signature).toMatchObject({ status: 'fail', explain: { cause: expect.stringMatching(/^double-encoded by the sender: .*ayeT-Studios' earlier PHP sample/) } });
  });
});
