import { describe, expect, it } from 'vitest';
import { profilePresets } from '../../src/checks/presets.js';
import type { ProfileInput } from '../../src/model/profile.js';
import { concatHashScheme, hmacScheme, type HmacOptions } from '../../src/signatures/index.js';
import { computeVerdict, type VerdictInput } from '../../src/verdicts/compute-verdict.js';
import { parseRawMessage } from '../../src/verdicts/raw-message.js';
import { aakDevelopment, skan10Network, skan22, skan30Win, skan40Coarse, skan40Fine } from './signatures/apple-fixtures.js';

const secret = { secret: 'partner-secret-1a2b', secretEncoding: 'utf8' as const };
const sortedQuery: Partial<HmacOptions> = {
  message: { kind: 'sorted-params', source: 'query', encoding: 'rfc3986', pairSeparator: '&', kvSeparator: '=' },
  signature: { in: 'query', name: 'sig' },
};
const profile: ProfileInput = {
  name: 'Partner',
  params: [
    { name: 'click_id', presence: 'required' },
    { name: 'payout', presence: 'optional', type: 'decimal', maxDecimals: 2 },
  ],
  macroDialect: 'curly',
  correlationKeys: ['click_id'],
  signature: { scheme: 'hmac', options: sortedQuery as Record<string, unknown> },
};

function signedTarget(target: string): string {
  return hmacScheme.sign({ request: { url: target }, options: sortedQuery, key: secret }).url;
}

function verdict(target: string, overrides: Partial<VerdictInput> = {}) {
  return computeVerdict({
    exchangeId: 7,
    request: { method: 'GET', target, rawHeaders: [['Host', 'rx.test']], body: Buffer.alloc(0) },
    nowSec: 1_700_000_000,
    profile: { id: 3, input: profile },
    key: secret,
    maxDecodedBytes: 1e6,
    ...overrides,
  });
}

describe('computeVerdict', () => {
  it('passes a correctly signed postback that meets the spec', () => {
    const v = verdict(signedTarget('/pb?click_id=abc&payout=1.50&currency=USD'));
    expect(v).toMatchObject({ exchangeId: 7, status: 'pass', failures: 0, warnings: 0, profileId: 3, profileName: 'Partner' });
    expect(v.signature).toMatchObject({ status: 'pass', scheme: 'hmac' });
    expect(v.signature.explain!.canonical).toBe('click_id=abc&currency=USD&payout=1.50');
    expect(v.params.map((p) => p.status)).toEqual(['pass', 'pass']);
  });

  it('fails a wrong HMAC and shows the canonical string, expected, given and the cause', () => {
    const good = signedTarget('/pb?click_id=abc&payout=1.50&currency=USD');
    const v = verdict(good.replace(/sig=(\w)/, (_m, c: string) => `sig=${c === 'a' ? 'b' : 'a'}`));
    expect(v.status).toBe('fail');
    expect(v.signature.status).toBe('fail');
    expect(v.signature.explain).toMatchObject({ valid: false, canonical: 'click_id=abc&currency=USD&payout=1.50', cause: expect.stringMatching(/signature mismatch/) });
    expect(v.signature.explain!.expected).not.toBe(v.signature.explain!.given);
  });

  it('names a space-encoding mistake as the likely cause', () => {
    // The sender signed with '+' for spaces (form encoding) while the profile says RFC 3986.
    const signed = hmacScheme.sign({ request: { url: '/pb?click_id=abc&name=two%20words' }, options: { ...sortedQuery, message: { ...(sortedQuery.message as object), encoding: 'form' } as HmacOptions['message'] }, key: secret });
    const v = verdict(signed.url);
    expect(v.signature.explain!.cause).toMatch(/'\+'/);
    expect(v.issues.map((i) => i.code)).not.toContain('plus-ambiguity');
  });

  it('without a profile runs only the always-on checks: status none, or fail on an unreplaced macro', () => {
    expect(verdict('/pb?click_id=abc', { profile: null, key: null })).toMatchObject({ status: 'none', signature: { status: 'none' }, params: [], failures: 0 });
    const v = verdict('/pb?click_id={click_id}', { profile: null, key: null });
    expect(v).toMatchObject({ status: 'fail', failures: 1 });
    expect(v.issues[0]).toMatchObject({ code: 'unreplaced-macro', token: '{click_id}' });
  });

  it('reports a profile without a secret as a signature error, not a crash', () => {
    const v = verdict(signedTarget('/pb?click_id=abc'), { key: null });
    expect(v.signature).toMatchObject({ status: 'error', reason: expect.stringMatching(/no secret available/) });
    expect(v.status).toBe('fail');
  });

  it('does not verify a capture whose body was cut off', () => {
    const v = verdict('/pb?click_id=abc', { rejected: 'body_too_large' });
    expect(v.signature).toMatchObject({ status: 'none', reason: expect.stringMatching(/not captured in full/) });
    expect(v.issues.map((i) => i.code)).toContain('body-incomplete');
  });

  it('masks a secret that is part of the canonical string (concatenation schemes)', () => {
    const options = { fields: ['click_id'], separator: ':', signature: { in: 'query', name: 'hash' } };
    const signed = concatHashScheme.sign({ request: { url: '/pb?click_id=abc' }, options: options as never, key: secret });
    const v = verdict(signed.url, { profile: { id: 1, input: { ...profile, params: [], signature: { scheme: 'concat-hash', options } } } });
    expect(v.signature.status).toBe('pass');
    expect(v.signature.explain!.canonical).toBe('abc:••••1a2b');
    expect(JSON.stringify(v)).not.toContain('partner-secret-1a2b');
  });

  it('warns on unknown params when the profile asks, ignoring the signature param', () => {
    const v = verdict(signedTarget('/pb?click_id=abc&extra=1'), { profile: { id: 3, input: { ...profile, unknownParams: 'warn' } } });
    expect(v.issues).toEqual([expect.objectContaining({ code: 'unknown-param', param: 'extra' })]);
  });

  it('verifies a raw message read back from GET /raw, and guesses the signed URL from Host', () => {
    const options = { message: { kind: 'full-url' }, signature: { in: 'header', name: 'X-Sig' } };
    const sig = hmacScheme.sign({ request: { url: '/pb?a=1', fullUrl: 'http://rx.test' }, options: options as never, key: secret }).value;
    const parsed = parseRawMessage(Buffer.from(`GET /pb?a=1 HTTP/1.1\r\nHost: rx.test\r\nX-Sig: ${sig}\r\n\r\n`));
    const v = computeVerdict({ exchangeId: null, request: parsed.request, nowSec: 0, profile: null, key: secret, signature: { scheme: 'hmac', options }, maxDecodedBytes: 1e6 });
    expect(v.signature.status).toBe('pass');
    expect(v.signature.explain!.canonical).toBe('http://rx.test/pb?a=1');
    expect(v.signature.explain!.details.join(' ')).toMatch(/assumed as http:\/\/rx\.test from the Host header/);
  });
});

describe('raw HTTP messages', () => {
  it('reads request line, headers in order and a Content-Length body, ignoring an editor newline', () => {
    const parsed = parseRawMessage(Buffer.from('POST /pb?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nX-A: 1\r\n\r\nabc\n'));
    expect(parsed.request).toEqual({ method: 'POST', target: '/pb?x=1', rawHeaders: [['Host', 'h'], ['Content-Length', '3'], ['X-A', '1']], body: Buffer.from('abc') });
    expect(parsed.notes).toEqual(['1 byte(s) after the Content-Length body were ignored']);
  });

  it('accepts bare LF, chunked bodies and absolute-form targets', () => {
    expect(parseRawMessage(Buffer.from('GET /a HTTP/1.1\nHost: h\n\n')).request.target).toBe('/a');
    const chunked = parseRawMessage(Buffer.from('POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n'));
    expect(chunked.request.body.toString()).toBe('abcde');
    const absolute = parseRawMessage(Buffer.from('GET https://partner.example/pb?a=1 HTTP/1.1\r\n\r\n'));
    expect(absolute).toMatchObject({ fullUrl: 'https://partner.example/pb?a=1', request: { target: '/pb?a=1' } });
  });

  it('refuses what is not a request message, or is cut short', () => {
    expect(() => parseRawMessage(Buffer.from('hello world'))).toThrow(/not an HTTP\/1.x request line/);
    expect(() => parseRawMessage(Buffer.from('POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc'))).toThrow(/cut short/);
  });
});

describe("Apple presets on Apple's example postbacks", () => {
  const preset = (id: string) => profilePresets().find((p) => p.id === id)!.profile;
  const judge = (id: string, body: object) =>
    computeVerdict({
      exchangeId: null,
      request: { method: 'POST', target: '/postback', rawHeaders: [['Content-Type', 'application/json']], body: Buffer.from(JSON.stringify(body)) },
      nowSec: 1_700_000_000,
      profile: { id: null, input: preset(id) },
      key: null,
      maxDecodedBytes: 1e6,
    });

  it.each([
    ['4.0', skan40Fine],
    ['4.0 coarse', skan40Coarse],
    ['3.0', skan30Win],
    ['2.2', skan22],
    ['1.0', skan10Network],
  ])('SKAdNetwork %s passes signature and spec', (_v, body) => {
    const v = judge('skadnetwork', body);
    expect(v.params.filter((p) => p.status !== 'pass')).toEqual([]);
    expect(v).toMatchObject({ status: 'pass', signature: { status: 'pass', explain: { trust: 'production' } } });
  });

  it('SKAdNetwork with a tampered field fails its signature', () => {
    expect(judge('skadnetwork', { ...skan40Fine, 'app-id': 1 }).signature.status).toBe('fail');
  });

  it('AdAttributionKit signed with the development key passes, flagged untrusted', () => {
    const v = judge('adattributionkit', aakDevelopment);
    expect(v.signature).toMatchObject({ status: 'pass', explain: { trust: 'development' } });
    expect(v.issues).toEqual([expect.objectContaining({ code: 'untrusted-signature', severity: 'warn' })]);
  });
});
