import { createPrivateKey, sign as edSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { privateKeyFrom, publicKeyFrom } from '../../../src/signatures/ec-keys.js';
import { standardWebhooksScheme } from '../../../src/signatures/index.js';
import { captured, utf8 } from './helpers.js';

/**
 * Standard Webhooks v1a (asymmetric): ed25519 over `{msg_id}.{timestamp}.{payload}`, serialised as
 * `v1a,<base64>` beside v1 entries; keys as whsk_/whpk_ + base64.
 * Source: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 * The spec publishes no key pair, so the key is RFC 8032 §7.1 TEST 1's (its signature of the empty
 * message checks the whsk_/whpk_ parsing), and the message is the spec's own example.
 */
const SEED = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
const PUB = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex');
const RFC8032_EMPTY_SIG = 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
const whsk = `whsk_${SEED.toString('base64')}`;
const whpk = `whpk_${PUB.toString('base64')}`;

// The spec's example: msg_2KWPBgLlAfxdpx2AI54pPJ85f4W, 1674087231, the minified body, and its
// header pairing a v1 and a v1a entry.
const ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const TS = 1674087231;
const BODY = '{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344522Z","data":{"id":"1f81eb52-5198-4599-803e-771906343485"}}';
const V1_FROM_SPEC = 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=';
const v1aSig = (body = BODY) => edSign(null, Buffer.from(`${ID}.${TS}.${body}`), privateKeyFrom(whsk)).toString('base64');
const request = (signature: string, body = BODY) =>
  captured({ url: '/hook', headers: [['webhook-id', ID], ['webhook-timestamp', String(TS)], ['webhook-signature', signature]], body });

describe('whsk_ / whpk_ keys (RFC 8032 TEST 1)', () => {
  it('parse to the RFC key pair: the RFC signature of the empty message comes out', () => {
    expect(edSign(null, Buffer.alloc(0), privateKeyFrom(whsk)).toString('hex')).toBe(RFC8032_EMPTY_SIG);
    expect(publicKeyFrom(whpk).export({ format: 'jwk' }).x).toBe(PUB.toString('base64url'));
    // libsodium's 64-byte secret key (seed ‖ public) is the same key.
    const sodium = `whsk_${Buffer.concat([SEED, PUB]).toString('base64')}`;
    expect(edSign(null, Buffer.alloc(0), privateKeyFrom(sodium)).toString('hex')).toBe(RFC8032_EMPTY_SIG);
  });

  it('refuses a whpk_ that is not 32 bytes without quoting it', () => {
    expect(() => publicKeyFrom('whpk_AAAA')).toThrow(/^a whpk_ key is base64 of a 32-byte ed25519 public key$/);
  });
});

describe('Standard Webhooks v1a verification', () => {
  const key = { publicKey: whpk };

  it("verifies the spec's example header shape (v1 and v1a side by side) with the public key", () => {
    const v = standardWebhooksScheme.explain({ request: request(`${V1_FROM_SPEC} v1a,${v1aSig()}`), key, now: TS });
    expect(v).toMatchObject({ valid: true, cause: null, expected: null, canonical: `${ID}.${TS}.${BODY}` });
    expect(v.details.join(' ')).toMatch(/ed25519 \(v1a\).*1 v1a signature\(s\) in the header; other versions ignored/);
  });

  it('accepts a whpk_ pasted as a shared secret, and a whsk_ private key (its public half verifies)', () => {
    expect(standardWebhooksScheme.verify({ request: request(`v1a,${v1aSig()}`), key: utf8(whpk), now: TS }).valid).toBe(true);
    expect(standardWebhooksScheme.verify({ request: request(`v1a,${v1aSig()}`), key: { privateKey: whsk }, now: TS }).valid).toBe(true);
  });

  it('fails a tampered body and names a re-serialised one', () => {
    expect(standardWebhooksScheme.verify({ request: request(`v1a,${v1aSig()}`, BODY.replace('contact', 'kontact')), key, now: TS }).valid).toBe(false);
    const pretty = JSON.stringify(JSON.parse(BODY), null, 2);
    const v = standardWebhooksScheme.explain({ request: request(`v1a,${v1aSig()}`, pretty), key, now: TS });
    expect(v.cause).toMatch(/^body re-serialised: the v1a signature verifies over the body as compact JSON/);
  });

  it('says which key is needed when the header has only the other kind', () => {
    const onlyV1 = standardWebhooksScheme.verify({ request: request(V1_FROM_SPEC), key, now: TS });
    expect(onlyV1.cause).toMatch(/^no v1a signature: the header carries only v1 \(HMAC-SHA256\) signatures/);
    const onlyV1a = standardWebhooksScheme.verify({ request: request(`v1a,${v1aSig()}`), key: utf8('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'), now: TS });
    expect(onlyV1a.cause).toMatch(/^no v1 signature: the header carries only v1a \(ed25519\) signatures/);
  });

  it('applies the timestamp tolerance as for v1', () => {
    const late = standardWebhooksScheme.verify({ request: request(`v1a,${v1aSig()}`), key, now: TS + 301 });
    expect(late.cause).toMatch(/^clock skew: timestamp 1674087231 is 301s in the past/);
  });

  it('signs v1a with the private key; the signature verifies; a public key cannot sign', () => {
    const s = standardWebhooksScheme.sign({ request: { url: '/hook', body: BODY }, options: { msgId: ID }, key: { privateKey: whsk }, now: TS });
    expect(s.value).toBe(`v1a,${v1aSig()}`);
    expect(standardWebhooksScheme.verify({ request: captured({ url: '/hook', headers: s.headers, body: BODY }), key, now: TS }).valid).toBe(true);
    expect(() => standardWebhooksScheme.sign({ request: { url: '/hook', body: BODY }, key, now: TS })).toThrow(/needs the ed25519 private key/);
  });

  it('refuses a non-ed25519 public key as a configuration error', () => {
    const ec = createPrivateKey({ key: { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0', d: 'jpsQnnGQmL-YBIffH1136cLdH1ufn0tbXu2ikyLXT1g' }, format: 'jwk' });
    const pem = ec.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => standardWebhooksScheme.verify({ request: request(`v1a,${v1aSig()}`), key: { privateKey: pem }, now: TS })).toThrow(/needs an ed25519 key \(got ec\)/);
  });
});
