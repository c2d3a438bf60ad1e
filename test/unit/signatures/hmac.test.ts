import { describe, expect, it } from 'vitest';
import { githubScheme, hmacScheme } from '../../../src/signatures/index.js';
import type { HmacOptions } from '../../../src/signatures/index.js';
import { captured, utf8 } from './helpers.js';

describe('GitHub preset — published example', () => {
  // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
  const expected = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
  const key = utf8("It's a Secret to Everybody");

  it('verifies the documented signature', () => {
    const v = githubScheme.verify({ request: captured({ url: '/hook', headers: [['X-Hub-Signature-256', expected]], body: 'Hello, World!' }), key });
    expect(v).toMatchObject({ valid: true, expected, given: expected, cause: null, canonical: 'Hello, World!' });
  });

  it('signs to the documented signature', () => {
    const s = githubScheme.sign({ request: { url: '/hook', body: 'Hello, World!' }, key });
    expect(s.value).toBe(expected);
    expect(s.placement).toEqual({ in: 'header', name: 'X-Hub-Signature-256' });
    expect(s.headers).toContainEqual(['X-Hub-Signature-256', expected]);
  });

  it('fails a tampered body and names a reserialised JSON body', () => {
    const tampered = githubScheme.verify({ request: captured({ url: '/h', headers: [['X-Hub-Signature-256', expected]], body: 'Hello, World?' }), key });
    expect(tampered.valid).toBe(false);
    const signed = githubScheme.sign({ request: { url: '/h', body: '{"a":1,"b":[1,2]}' }, key });
    const pretty = JSON.stringify({ a: 1, b: [1, 2] }, null, 2);
    const v = githubScheme.explain({ request: captured({ url: '/h', headers: [['X-Hub-Signature-256', signed.value]], body: pretty }), key });
    expect(v.valid).toBe(false);
    expect(v.cause).toMatch(/^body re-serialised: .*compact JSON/);
  });

  it('reports a missing header and a missing prefix', () => {
    expect(githubScheme.verify({ request: captured({ url: '/h', body: 'x' }), key }).cause).toMatch(/signature missing: no header X-Hub-Signature-256/);
    const bare = expected.slice('sha256='.length);
    const v = githubScheme.explain({ request: captured({ url: '/h', headers: [['x-hub-signature-256', bare]], body: 'Hello, World!' }), key });
    expect(v.cause).toMatch(/prefix is missing/);
  });
});

describe('generic HMAC canonical messages', () => {
  const key = utf8('s3cret');
  const roundTrip = (options: Partial<HmacOptions>, request: { method?: string; url: string; fullUrl?: string; body?: string }) => {
    const signed = hmacScheme.sign({ request, options, key });
    const headers: Array<[string, string]> = signed.headers;
    const v = hmacScheme.verify({ request: captured({ ...request, url: signed.url, headers, body: signed.body ?? request.body }), options, key });
    return { signed, v };
  };

  it('full URL as received (header placement)', () => {
    const { v } = roundTrip({ message: { kind: 'full-url' }, signature: { in: 'header', name: 'X-Sig' } }, { url: '/pb?a=1&b=two+words', fullUrl: 'https://rx.example' });
    expect(v.valid).toBe(true);
    expect(v.canonical).toBe('https://rx.example/pb?a=1&b=two+words');
  });

  it('URL without the signature param, base64url output, sha512', () => {
    const options: Partial<HmacOptions> = { algorithm: 'sha512', output: 'base64url', message: { kind: 'url-without-signature' }, signature: { in: 'query', name: 'sig' } };
    const { signed, v } = roundTrip(options, { url: '/pb?click_id=abc&payout=1.5', fullUrl: 'https://rx.example' });
    expect(signed.url).toMatch(/^\/pb\?click_id=abc&payout=1\.5&sig=[\w-]+$/);
    expect(v.valid).toBe(true);
    expect(v.canonical).toBe('https://rx.example/pb?click_id=abc&payout=1.5');
  });

  it('sorted params with each encoding and custom separators', () => {
    const url = '/pb?z=a%20b&a=x+y&m=%7E';
    const canon = (encoding: 'rfc3986' | 'form' | 'raw' | 'decoded') =>
      roundTrip({ message: { kind: 'sorted-params', source: 'query', encoding, pairSeparator: '|', kvSeparator: ':' } }, { url }).v.canonical;
    expect(canon('rfc3986')).toBe('a:x%20y|m:~|z:a%20b');
    expect(canon('form')).toBe('a:x+y|m:%7E|z:a+b');
    expect(canon('raw')).toBe('a:x+y|m:%7E|z:a%20b');
    expect(canon('decoded')).toBe('a:x y|m:~|z:a b');
  });

  it('template of fields and constants, md5, with the secret inside', () => {
    const options: Partial<HmacOptions> = { algorithm: 'md5', message: { kind: 'template', template: '{click_id}{event}{secret}' }, signature: { in: 'query', name: 'sig' } };
    const { v } = roundTrip(options, { url: '/pb?click_id=c1&event=install' });
    expect(v.valid).toBe(true);
    expect(v.canonical).toBe('c1installs3cret');
  });

  it('tampered field fails', () => {
    const options: Partial<HmacOptions> = { message: { kind: 'url-without-signature' }, signature: { in: 'query', name: 'sig' } };
    const s = hmacScheme.sign({ request: { url: '/pb?payout=1' }, options, key });
    const v = hmacScheme.verify({ request: captured({ url: s.url.replace('payout=1', 'payout=9') }), options, key });
    expect(v.valid).toBe(false);
    expect(v.expected).not.toBe(v.given);
  });

  it("names '+' vs '%20'", () => {
    const options: Partial<HmacOptions> = { message: { kind: 'sorted-params', source: 'query', encoding: 'rfc3986', pairSeparator: '&', kvSeparator: '=' }, signature: { in: 'query', name: 'sig' } };
    const formSigned = hmacScheme.sign({ request: { url: '/pb?name=a+b' }, options: { ...options, message: { ...(options.message as object), encoding: 'form' } as HmacOptions['message'] }, key });
    const v = hmacScheme.explain({ request: captured({ url: formSigned.url }), options, key });
    expect(v.cause).toMatch(/^'\+' vs '%20'/);
  });

  it('names param order', () => {
    const asSent: Partial<HmacOptions> = { message: { kind: 'sorted-params', source: 'query', encoding: 'raw', pairSeparator: '&', kvSeparator: '=', order: 'as-sent' }, signature: { in: 'query', name: 'sig' } };
    const s = hmacScheme.sign({ request: { url: '/pb?b=2&a=1' }, options: asSent, key });
    const sorted = { ...asSent, message: { ...(asSent.message as object), order: 'sorted' } as HmacOptions['message'] };
    expect(hmacScheme.explain({ request: captured({ url: s.url }), options: sorted, key }).cause).toMatch(/^param order/);
  });

  it('names a wrong secret encoding (hex secret read as utf8)', () => {
    const hexKey = { secret: '00ff10ab', secretEncoding: 'hex' as const };
    const s = hmacScheme.sign({ request: { url: '/h', body: 'payload' }, key: hexKey });
    const v = hmacScheme.explain({ request: captured({ url: '/h', headers: s.headers, body: 'payload' }), key: { ...hexKey, secretEncoding: 'utf8' } });
    expect(v.cause).toBe('wrong secret encoding: the signature matches when the secret is read as hex, not utf8');
  });

  it('names a wrong algorithm and accepts uppercase hex with a note', () => {
    const s = hmacScheme.sign({ request: { url: '/h', body: 'p' }, options: { algorithm: 'sha1' }, key });
    expect(hmacScheme.explain({ request: captured({ url: '/h', headers: s.headers, body: 'p' }), key }).cause).toMatch(/HMAC-SHA1, not HMAC-SHA256/);
    const upper = hmacScheme.verify({ request: captured({ url: '/h', headers: [['X-Signature', s.value.toUpperCase()]], body: 'p' }), options: { algorithm: 'sha1' }, key });
    expect(upper.valid).toBe(true);
    expect(upper.details.join(' ')).toMatch(/uppercase/);
  });

  it('rejects a correct signature whose timestamp is outside tolerance (clock skew)', () => {
    const options: Partial<HmacOptions> = { message: { kind: 'template', template: '{header:X-Ts}.{body}' }, timestamp: { field: 'header:X-Ts', toleranceSec: 300 } };
    const s = hmacScheme.sign({ request: { url: '/h', body: 'b', rawHeaders: [['X-Ts', '1000']] }, options, key });
    const request = captured({ url: '/h', headers: [['X-Ts', '1000'], ...s.headers], body: 'b' });
    expect(hmacScheme.verify({ request, options, key, now: 1200 }).valid).toBe(true);
    const late = hmacScheme.explain({ request, options, key, now: 2000 });
    expect(late.valid).toBe(false);
    expect(late.cause).toMatch(/^clock skew: timestamp 1000 is 1000s in the past/);
  });
});
