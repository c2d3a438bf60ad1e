import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { shopifyScheme, standardWebhooksScheme, stripeScheme, twilioScheme } from '../../../src/signatures/index.js';
import { captured, utf8 } from './helpers.js';

describe('Standard Webhooks — reference test vector', () => {
  // standard-webhooks reference libraries' "sign function works" vector.
  const key = utf8('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  const sig = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
  const headers = (s: string, ts = '1614265330'): Array<[string, string]> => [['webhook-id', 'msg_p5jXN8AQM9LWM0D4loKWxJek'], ['webhook-timestamp', ts], ['webhook-signature', s]];
  const body = '{"test": 2432232314}';

  it('verifies the vector, also among several space-separated signatures', () => {
    expect(standardWebhooksScheme.verify({ request: captured({ url: '/w', headers: headers(sig), body }), key, now: 1614265330 })).toMatchObject({ valid: true, expected: sig });
    const rotated = `v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v1a,ignored ${sig}`;
    expect(standardWebhooksScheme.verify({ request: captured({ url: '/w', headers: headers(rotated), body }), key, now: 1614265330 }).valid).toBe(true);
  });

  it('signs to the vector', () => {
    const s = standardWebhooksScheme.sign({ request: { url: '/w', body }, options: { msgId: 'msg_p5jXN8AQM9LWM0D4loKWxJek' }, key, now: 1614265330 });
    expect(s.value).toBe(sig);
    expect(s.headers).toContainEqual(['webhook-timestamp', '1614265330']);
  });

  it('accepts svix- header names', () => {
    const svix = headers(sig).map(([n, v]): [string, string] => [n.replace('webhook-', 'svix-'), v]);
    expect(standardWebhooksScheme.verify({ request: captured({ url: '/w', headers: svix, body }), key, now: 1614265330 }).valid).toBe(true);
  });

  it('rejects outside the tolerance with a clock-skew cause, and a tampered body', () => {
    const late = standardWebhooksScheme.explain({ request: captured({ url: '/w', headers: headers(sig), body }), key, now: 1614265330 + 301 });
    expect(late.cause).toMatch(/^clock skew: timestamp 1614265330 is 301s in the past \(tolerance 300s\)/);
    expect(standardWebhooksScheme.verify({ request: captured({ url: '/w', headers: headers(sig), body: '{"test": 2432232315}' }), key, now: 1614265330 }).valid).toBe(false);
  });

  it("names a 'whsec_' secret used as plain text by the sender", () => {
    const plainText = createHmac('sha256', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').update(`msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.${body}`).digest('base64');
    const v = standardWebhooksScheme.explain({ request: captured({ url: '/w', headers: headers(`v1,${plainText}`), body }), key, now: 1614265330 });
    expect(v.cause).toMatch(/^wrong secret encoding: .*whole secret string used as UTF-8/);
  });

  it("names a body re-serialised to compact JSON", () => {
    const v = standardWebhooksScheme.explain({ request: captured({ url: '/w', headers: headers(sig), body: '{"test":2432232314}' }), key, now: 1614265330 });
    expect(v.cause).toMatch(/^body re-serialised: .*", " and ": " separators/);
  });
});

describe('Stripe', () => {
  const key = utf8('whsec_test_secret');
  const payload = '{"id":"evt_1","object":"event"}';
  const v1 = (t: number, body = payload) => createHmac('sha256', 'whsec_test_secret').update(`${t}.${body}`).digest('hex');

  it('verifies the documented scheme: t=…,v1=… with several v1 and a v0 ignored', () => {
    const header = `t=1492774577,v1=${'0'.repeat(64)},v1=${v1(1492774577)},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39`;
    const v = stripeScheme.verify({ request: captured({ url: '/s', headers: [['Stripe-Signature', header]], body: payload }), key, now: 1492774577 + 10 });
    expect(v.valid).toBe(true);
    expect(v.canonical).toBe(`1492774577.${payload}`);
    expect(v.details.join(' ')).toMatch(/ignored schemes: v0.*v1 #2 matches/);
  });

  it('sign → verify round trip, and clock skew beyond 300s', () => {
    const s = stripeScheme.sign({ request: { url: '/s', body: payload }, key, now: 1700000000 });
    expect(s.value).toBe(`t=1700000000,v1=${v1(1700000000)}`);
    const request = captured({ url: '/s', headers: s.headers, body: payload });
    expect(stripeScheme.verify({ request, key, now: 1700000300 }).valid).toBe(true);
    const skewed = stripeScheme.explain({ request, key, now: 1700000301 });
    expect(skewed).toMatchObject({ valid: false });
    expect(skewed.cause).toMatch(/^clock skew/);
  });

  it("names a secret used without its 'whsec_' prefix", () => {
    const s = stripeScheme.sign({ request: { url: '/s', body: payload }, key: utf8('test_secret'), now: 1700000000 });
    const v = stripeScheme.explain({ request: captured({ url: '/s', headers: s.headers, body: payload }), key, now: 1700000000 });
    expect(v.cause).toMatch(/'whsec_' prefix is dropped/);
  });
});

describe('Shopify (no published vector: round trip)', () => {
  it('base64 HMAC-SHA256 of the raw body in X-Shopify-Hmac-Sha256', () => {
    const key = utf8('shpss_secret');
    const body = '{"id":820982911946154508}';
    const s = shopifyScheme.sign({ request: { url: '/orders', body }, key });
    expect(s.value).toBe(createHmac('sha256', 'shpss_secret').update(body).digest('base64'));
    expect(shopifyScheme.verify({ request: captured({ url: '/orders', headers: s.headers, body }), key }).valid).toBe(true);
    expect(shopifyScheme.verify({ request: captured({ url: '/orders', headers: s.headers, body: body.replace('8', '9') }), key }).valid).toBe(false);
  });
});

describe('Twilio — published example', () => {
  // https://www.twilio.com/docs/usage/webhooks/webhooks-security
  const key = utf8('12345');
  const form = 'CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212';
  const request = (sig: string, body = form, fullUrl = 'https://mycompany.com') =>
    captured({ url: '/myapp.php?foo=1&bar=2', fullUrl, headers: [['Content-Type', 'application/x-www-form-urlencoded'], ['X-Twilio-Signature', sig]], body });

  it('verifies the documented signature', () => {
    const v = twilioScheme.verify({ request: request('0/KCTR6DLpKmkAf8muzZqo1nDgQ='), key });
    expect(v.canonical).toBe('https://mycompany.com/myapp.php?foo=1&bar=2CallSidCA1234567890ABCDECaller+12349013030Digits1234From+12349013030To+18005551212');
    expect(v.valid).toBe(true);
  });

  it('fails a tampered parameter (port forms: see twilio.test.ts)', () => {
    expect(twilioScheme.verify({ request: request('0/KCTR6DLpKmkAf8muzZqo1nDgQ=', form.replace('Digits=1234', 'Digits=9999')), key }).valid).toBe(false);
  });
});
