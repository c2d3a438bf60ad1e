import { describe, expect, it } from 'vitest';
import { ayetScheme, bitlabsScheme, concatHashScheme, cpxScheme, fyberScheme, ironsourceScheme, tapjoyScheme } from '../../../src/signatures/index.js';
import { captured, utf8 } from './helpers.js';

describe('ayeT-Studios — published HMAC example', () => {
  // docs.ayetstudios.com › Callback Verification › HMAC Security Hash; the current page's
  // example includes offer_name=TEST OFFER to show the '+' form encoding.
  const key = utf8('9f2228fea0d8e7ce10b2ac36053db14c');
  const url = '/postback/?transaction_id=8ee08f32ae611231b0a49d1bd66e9bf193132561&amount=0.10&payout=1.50&user_id=testuser123456&click_id=1234abcd5678021&offer_name=TEST+OFFER';
  const hash = '62a32725866780ada1dec3d62232645f2801e05a91df7b0202e9b780f804f04b';

  it('verifies the documented hash', () => {
    const v = ayetScheme.verify({ request: captured({ method: 'GET', url, headers: [['X-Ayetstudios-Security-Hash', hash]] }), key });
    expect(v.canonical).toBe('amount=0.10&click_id=1234abcd5678021&offer_name=TEST+OFFER&payout=1.50&transaction_id=8ee08f32ae611231b0a49d1bd66e9bf193132561&user_id=testuser123456');
    expect(v.valid).toBe(true);
  });

  it("still verifies when the space arrived as %20 (decoded, re-encoded as PHP does)", () => {
    const v = ayetScheme.verify({ request: captured({ method: 'GET', url: url.replace('TEST+OFFER', 'TEST%20OFFER'), headers: [['X-Ayetstudios-Security-Hash', hash]] }), key });
    expect(v.valid).toBe(true);
  });

  it('fails a tampered payout', () => {
    const v = ayetScheme.verify({ request: captured({ method: 'GET', url: url.replace('payout=1.50', 'payout=9.50'), headers: [['X-Ayetstudios-Security-Hash', hash]] }), key });
    expect(v.valid).toBe(false);
  });
});

describe('BitLabs — published example', () => {
  // https://developer.bitlabs.ai/docs/securing-callbacks-through-hashing
  const key = utf8('JLOIAUNMHFli7ZJOQVEzm98rzqnm9');
  const request = captured({ method: 'GET', fullUrl: 'https://publisher.com', url: '/complete?uid=8cc877ee-af19-488d-b28d-216fb866b996&val=500&hash=dbcd6bb8ca677344592842a52b4fca9bec36cd4b' });

  it('verifies the documented hash over the whole URL', () => {
    const v = bitlabsScheme.verify({ request, key });
    expect(v).toMatchObject({ valid: true, canonical: 'https://publisher.com/complete?uid=8cc877ee-af19-488d-b28d-216fb866b996&val=500' });
  });

  it('signs the documented callback', () => {
    const s = bitlabsScheme.sign({ request: { fullUrl: 'https://publisher.com', url: '/complete?uid=8cc877ee-af19-488d-b28d-216fb866b996&val=500' }, key });
    expect(s.value).toBe('dbcd6bb8ca677344592842a52b4fca9bec36cd4b');
    expect(s.url).toBe('/complete?uid=8cc877ee-af19-488d-b28d-216fb866b996&val=500&hash=dbcd6bb8ca677344592842a52b4fca9bec36cd4b');
  });

  it("names '+' vs '%20' when a relay re-encoded the spaces", () => {
    const s = bitlabsScheme.sign({ request: { fullUrl: 'https://publisher.com', url: '/complete?uid=u1&offer=Big%20Win' }, key });
    const v = bitlabsScheme.explain({ request: captured({ method: 'GET', fullUrl: 'https://publisher.com', url: s.url.replace('%20', '+') }), key });
    expect(v.cause).toBe("'+' vs '%20': the signature matches with spaces as '%20' instead of '+'; sender and receiver disagree on how a space is encoded");
  });

  it('names an http/https mismatch', () => {
    const v = bitlabsScheme.explain({ request: { ...request, fullUrl: 'http://publisher.com' }, key });
    expect(v.cause).toMatch(/^URL scheme: the signature matches https/);
  });
});

describe('concatenation hashes (no published vectors: round trips)', () => {
  const key = utf8('topsecret');

  it('Tapjoy verifier = md5(id:snuid:currency:secret)', () => {
    const s = tapjoyScheme.sign({ request: { method: 'GET', url: '/tj?id=req-1&snuid=42&currency=50&mac_address=00-16' }, key });
    const v = tapjoyScheme.verify({ request: captured({ method: 'GET', url: s.url }), key });
    expect(v).toMatchObject({ valid: true, canonical: 'req-1:42:50:topsecret' });
    expect(s.url).toContain('&verifier=');
    expect(tapjoyScheme.verify({ request: captured({ method: 'GET', url: s.url.replace('currency=50', 'currency=5000') }), key }).valid).toBe(false);
  });

  it('ironSource signature = md5(timestamp+eventId+userId+rewards+key)', () => {
    const url = '/is?applicationUserId=user%40x.com&rewards=10&eventId=ev1&itemName=coins&timestamp=201001021455';
    const s = ironsourceScheme.sign({ request: { method: 'GET', url }, key });
    const v = ironsourceScheme.verify({ request: captured({ method: 'GET', url: s.url }), key });
    expect(v).toMatchObject({ valid: true, canonical: '201001021455ev1user@x.com10topsecret' });
  });

  it('Fyber sid = sha1(token+uid+amount+_trans_id_+pubN), absent pubN skipped', () => {
    const s = fyberScheme.sign({ request: { method: 'GET', url: '/fy?uid=u1&amount=12.5&_trans_id_=t-9&pub0=camp' }, key });
    const v = fyberScheme.verify({ request: captured({ method: 'GET', url: s.url }), key });
    expect(v).toMatchObject({ valid: true, canonical: 'topsecretu112.5t-9camp' });
  });

  it('CPX hash = md5(trans_id-key)', () => {
    const s = cpxScheme.sign({ request: { method: 'GET', url: '/cpx?status=1&trans_id=T1&user_id=u' }, key });
    expect(cpxScheme.verify({ request: captured({ method: 'GET', url: s.url }), key })).toMatchObject({ valid: true, canonical: 'T1-topsecret' });
  });

  it.each([
    ['ironsource', ironsourceScheme, '/is?applicationUserId=u&rewards=10&eventId=e&timestamp=201001021455', 'rewards=10', 'rewards=99'],
    ['fyber', fyberScheme, '/fy?uid=u1&amount=12.5&_trans_id_=t-9', 'amount=12.5', 'amount=99'],
    ['cpx', cpxScheme, '/cpx?trans_id=T1&status=1', 'trans_id=T1', 'trans_id=T2'],
  ] as const)('%s: a tampered signed field fails', (_n, scheme, url, from, to) => {
    const s = scheme.sign({ request: { method: 'GET', url }, key });
    expect(scheme.verify({ request: captured({ method: 'GET', url: s.url }), key }).valid).toBe(true);
    expect(scheme.verify({ request: captured({ method: 'GET', url: s.url.replace(from, to) }), key }).valid).toBe(false);
  });

  it('names separator, secret position and field order mistakes', () => {
    const base = { fields: ['a', 'b', 'c'], separator: ':', signature: { in: 'query' as const, name: 's' } };
    const url = '/x?a=1&b=2&c=3';
    const signWith = (o: object) => concatHashScheme.sign({ request: { url }, options: { ...base, ...o }, key }).url;
    const explain = (signedUrl: string) => concatHashScheme.explain({ request: captured({ url: signedUrl }), options: base, key }).cause;
    expect(explain(signWith({ separator: '|' }))).toMatch(/^separator: .*"\|"/);
    expect(explain(signWith({ secretPosition: 'start' }))).toMatch(/^secret position: .*start/);
    expect(explain(signWith({ fields: ['c', 'a', 'b'] }))).toBe('field order: the signature matches the order c, a, b');
  });

  it('names a base64 secret read as utf8', () => {
    const b64 = { secret: 'c2VjcmV0LWJ5dGVz', secretEncoding: 'base64' as const };
    const s = tapjoyScheme.sign({ request: { url: '/tj?id=1&snuid=2&currency=3' }, key: b64 });
    const v = tapjoyScheme.explain({ request: captured({ url: s.url }), key: { ...b64, secretEncoding: 'utf8' } });
    expect(v.cause).toMatch(/read as base64, not utf8/);
  });
});
