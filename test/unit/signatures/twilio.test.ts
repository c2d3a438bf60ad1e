import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { twilioScheme } from '../../../src/signatures/index.js';
import { twilioUrlForms } from '../../../src/signatures/presets/twilio-url.js';
import { captured, utf8 } from './helpers.js';

// Twilio's documented example: https://www.twilio.com/docs/usage/webhooks/webhooks-security
// (auth token 12345, https://mycompany.com/myapp.php?foo=1&bar=2 → 0/KCTR6DLpKmkAf8muzZqo1nDgQ=).
const TOKEN = '12345';
const form = 'CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212';
const params = 'CallSidCA1234567890ABCDECaller+12349013030Digits1234From+12349013030To+18005551212';
const DOC_SIG = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';
const request = (headers: Array<[string, string]>, fullUrl = 'https://mycompany.com') =>
  captured({ url: '/myapp.php?foo=1&bar=2', fullUrl, headers: [['Content-Type', 'application/x-www-form-urlencoded'], ...headers], body: form });
/** twilio-node getExpectedTwilioSignature: HMAC(url + sorted params), base64. */
const sdkSig = (alg: 'sha1' | 'sha256', secret: string, url: string) => createHmac(alg, secret).update(url + params).digest('base64');

describe("Twilio URL forms — twilio-node validateRequest's addPort / removePort", () => {
  // https://github.com/twilio/twilio-node/blob/main/src/webhooks/webhooks.ts
  it('pairs a URL without a port with its default port, and one with a port with none', () => {
    expect(twilioUrlForms('https://mycompany.com/myapp.php?foo=1').map((f) => f.url)).toEqual(['https://mycompany.com/myapp.php?foo=1', 'https://mycompany.com:443/myapp.php?foo=1']);
    expect(twilioUrlForms('http://mycompany.com/x').map((f) => f.url)).toEqual(['http://mycompany.com/x', 'http://mycompany.com:80/x']);
    // removePort drops any port, not only the default one.
    expect(twilioUrlForms('https://user:pw@mycompany.com:8443/x').map((f) => f.url)).toEqual(['https://user:pw@mycompany.com:8443/x', 'https://user:pw@mycompany.com/x']);
  });

  it('verifies the documented signature when the URL was captured with :443 (signed without it)', () => {
    const v = twilioScheme.verify({ request: request([['X-Twilio-Signature', DOC_SIG]], 'https://mycompany.com:443'), key: utf8(TOKEN) });
    expect(v).toMatchObject({ valid: true, expected: DOC_SIG, canonical: `https://mycompany.com/myapp.php?foo=1&bar=2${params}` });
    expect(v.details.join(' ')).toMatch(/the port :443 removed: Twilio's SDK accepts the URL with and without its port/);
  });

  it('verifies a signature Twilio computed over the URL with :443 added, from the URL without a port', () => {
    const withPort = sdkSig('sha1', TOKEN, 'https://mycompany.com:443/myapp.php?foo=1&bar=2');
    const v = twilioScheme.verify({ request: request([['X-Twilio-Signature', withPort]]), key: utf8(TOKEN) });
    expect(v).toMatchObject({ valid: true, expected: withPort });
    expect(v.details.join(' ')).toMatch(/the default port :443 added/);
  });

  it('removes a non-default port too, as removePort does', () => {
    const v = twilioScheme.verify({ request: request([['X-Twilio-Signature', DOC_SIG]], 'https://mycompany.com:8443'), key: utf8(TOKEN) });
    expect(v.valid).toBe(true);
  });

  it('still fails a wrong signature, and names a scheme swap behind the port forms', () => {
    expect(twilioScheme.verify({ request: request([['X-Twilio-Signature', sdkSig('sha1', TOKEN, 'https://other.example/myapp.php?foo=1&bar=2')]]), key: utf8(TOKEN) }).valid).toBe(false);
    const httpSigned = sdkSig('sha1', TOKEN, 'http://mycompany.com:80/myapp.php?foo=1&bar=2');
    const v = twilioScheme.explain({ request: request([['X-Twilio-Signature', httpSigned]]), key: utf8(TOKEN) });
    expect(v.cause).toMatch(/^URL scheme: the signature matches the other of http\/https/);
  });
});

describe('Twilio X-Twilio-Webhooks-Signature-Settings (HMAC-SHA256 with a SharedKey)', () => {
  // https://github.com/twilio/twilio-node/blob/main/examples/WebhookSignatureValidation.md:
  // header `key=…,algorithm=HMAC_SHA256`; only the hash changes; absent → Auth Token + HMAC-SHA1.
  const SHARED = 'shared-key-secret';
  const sha256Sig = sdkSig('sha256', SHARED, 'https://mycompany.com/myapp.php?foo=1&bar=2');
  const settings = (alg = 'HMAC_SHA256'): [string, string] => ['X-Twilio-Webhooks-Signature-Settings', `key=KS0123,algorithm=${alg}`];

  it('verifies the documented request signed with HMAC-SHA256 when the header names it', () => {
    const v = twilioScheme.verify({ request: request([settings(), ['X-Twilio-Signature', sha256Sig]]), key: utf8(SHARED) });
    expect(v).toMatchObject({ valid: true, expected: sha256Sig });
    expect(v.details.join(' ')).toMatch(/signed with SharedKey KS0123 and HMAC-SHA256/);
  });

  it('keeps HMAC-SHA1 when the header says HMAC_SHA1, and without the header', () => {
    expect(twilioScheme.verify({ request: request([settings('HMAC_SHA1'), ['X-Twilio-Signature', DOC_SIG]]), key: utf8(TOKEN) }).valid).toBe(true);
    expect(twilioScheme.verify({ request: request([['X-Twilio-Signature', DOC_SIG]]), key: utf8(TOKEN) }).valid).toBe(true);
  });

  it('names a SHA-256 signature whose settings header was lost', () => {
    const v = twilioScheme.explain({ request: request([['X-Twilio-Signature', sha256Sig]]), key: utf8(SHARED) });
    expect(v.valid).toBe(false);
    expect(v.cause).toMatch(/^wrong algorithm: the signature is HMAC-SHA256 \(a Webhook Rule's Setting, but the X-Twilio-Webhooks-Signature-Settings header is missing\)/);
  });

  it('says the secret must be the SharedKey secret when the Auth Token does not verify', () => {
    const v = twilioScheme.explain({ request: request([settings(), ['X-Twilio-Signature', sha256Sig]]), key: utf8(TOKEN) });
    expect(v.cause).toMatch(/^signature mismatch: Twilio signed with SharedKey KS0123 .* not the Auth Token/);
  });

  it('refuses an algorithm the SDK does not know', () => {
    const v = twilioScheme.verify({ request: request([settings('HMAC_SHA512'), ['X-Twilio-Signature', sha256Sig]]), key: utf8(SHARED) });
    expect(v).toMatchObject({ valid: false, cause: expect.stringMatching(/^unsupported algorithm "HMAC_SHA512"/) });
  });

  it('signs with HMAC-SHA256 and names it in the settings header, so its own send verifies', () => {
    const s = twilioScheme.sign({ request: { method: 'POST', fullUrl: 'https://mycompany.com', url: '/myapp.php?foo=1&bar=2', rawHeaders: [['Content-Type', 'application/x-www-form-urlencoded']], body: form }, options: { algorithm: 'sha256', sharedKeyId: 'KS0123' }, key: utf8(SHARED) });
    expect(s.value).toBe(sha256Sig);
    expect(s.headers).toContainEqual(settings());
    expect(twilioScheme.verify({ request: request(s.headers), key: utf8(SHARED) }).valid).toBe(true);
  });
});

describe("Twilio's legacy query form — twilio-node validateRequest's withLegacyQuerystring", () => {
  // https://github.com/twilio/twilio-node/blob/main/src/webhooks/webhooks.ts (withLegacyQuerystring:
  // the query through Node's querystring parse + stringify) and its spec/unit/webhooks/webhooks.spec.js,
  // "a query param containing an (un)escaped single quote": auth token s3cr3t, GET, no params,
  // signature = getExpectedTwilioSignature(token, serverUrl, {}) checked against targetUrl.
  const SPEC_TOKEN = 's3cr3t';
  const specSig = (serverUrl: string) => createHmac('sha1', SPEC_TOKEN).update(serverUrl).digest('base64');
  const get = (target: string, sig: string) => captured({ method: 'GET', url: target, fullUrl: 'https://example.com', headers: [['X-Twilio-Signature', sig]] });

  for (const [server, target] of [
    ["https://example.com/path?test=param'WithQuote", "/path?test=param'WithQuote"],
    ["https://example.com/path?test=param'WithQuote", '/path?test=param%27WithQuote'],
    ['https://example.com/path?test=param%27WithQuote', "/path?test=param'WithQuote"],
    ['https://example.com/path?test=param%27WithQuote', '/path?test=param%27WithQuote'],
  ] as const) {
    it(`verifies a signature over ${server.slice(server.indexOf('?'))} from a request for ${target}`, () => {
      expect(twilioScheme.verify({ request: get(target, specSig(server)), key: utf8(SPEC_TOKEN) }).valid).toBe(true);
    });
  }

  it('says which form matched', () => {
    const v = twilioScheme.verify({ request: get('/path?test=param%27WithQuote', specSig("https://example.com/path?test=param'WithQuote")), key: utf8(SPEC_TOKEN) });
    expect(v.details.join(' ')).toMatch(/matches the URL with its query re-encoded by Node's legacy querystring, without a port: Twilio's SDK also tries/);
  });

  it('still refuses the spec\'s mismatching URL (test=param vs test=param2)', () => {
    expect(twilioScheme.verify({ request: get('/path?test=param2', specSig('https://example.com/path?test=param')), key: utf8(SPEC_TOKEN) }).valid).toBe(false);
  });

  it('lists the new URL() and legacy forms after the captured URL and its port counterpart, once each', () => {
    expect(twilioUrlForms("https://example.com/path?test=param'WithQuote&list=a,b").map((f) => f.url)).toEqual([
      "https://example.com/path?test=param'WithQuote&list=a,b",
      "https://example.com:443/path?test=param'WithQuote&list=a,b",
      'https://example.com/path?test=param%27WithQuote&list=a,b',
      'https://example.com:443/path?test=param%27WithQuote&list=a,b',
      // withLegacyQuerystring parses its input with new URL(), which drops :443 again: in the SDK
      // too, both legacy forms of a default-port URL are this one.
      "https://example.com/path?test=param'WithQuote&list=a%2Cb",
    ]);
    // An ordinary URL has no other forms than the port pair.
    expect(twilioUrlForms('https://mycompany.com/myapp.php?foo=1&bar=2')).toHaveLength(2);
  });

  it('verifies the documented POST when Twilio signed its query the legacy way (a comma escaped)', () => {
    const legacy = sdkSig('sha1', TOKEN, 'https://mycompany.com/myapp.php?foo=1&bar=2&list=a%2Cb');
    const req = captured({ url: '/myapp.php?foo=1&bar=2&list=a,b', fullUrl: 'https://mycompany.com', headers: [['Content-Type', 'application/x-www-form-urlencoded'], ['X-Twilio-Signature', legacy]], body: form });
    expect(twilioScheme.verify({ request: req, key: utf8(TOKEN) })).toMatchObject({ valid: true, expected: legacy });
  });
});

describe('Twilio parameters as the SDKs read them', () => {
  it('counts a value repeated under one name once (twilio-node: new Set(values); twilio-python: set(values))', () => {
    // Twilio's documented example with Digits sent twice: the documented signature still holds.
    const req = captured({ url: '/myapp.php?foo=1&bar=2', fullUrl: 'https://mycompany.com', headers: [['Content-Type', 'application/x-www-form-urlencoded'], ['X-Twilio-Signature', DOC_SIG]], body: `${form}&Digits=1234` });
    expect(twilioScheme.verify({ request: req, key: utf8(TOKEN) }).valid).toBe(true);
    // Two different values are both signed.
    const two = captured({ url: '/myapp.php?foo=1&bar=2', fullUrl: 'https://mycompany.com', headers: [['Content-Type', 'application/x-www-form-urlencoded'], ['X-Twilio-Signature', DOC_SIG]], body: `${form}&Digits=5678` });
    expect(twilioScheme.verify({ request: two, key: utf8(TOKEN) }).valid).toBe(false);
  });

  // Twilio's documented JSON example (https://www.twilio.com/docs/usage/webhooks/webhooks-security,
  // "Validating requests with a JSON body"): the URL carries bodySHA256 = hex sha256 of the body.
  // The doc's token comes from the environment, so the signature here is HMAC-SHA1 with 12345.
  const JSON_URL = '/myapp?bodySHA256=5ccde7145dfb8f56479710896586cb9d5911809d83afbe34627818790db0aec9';
  const JSON_BODY = '{"CallSid":"CA1234567890ABCDE","Caller":"+12349013030"}';
  const jsonSig = createHmac('sha1', TOKEN).update(`https://example.com${JSON_URL}`).digest('base64');

  it('verifies the documented JSON request: the URL alone signed, the body checked against bodySHA256', () => {
    const req = captured({ url: JSON_URL, fullUrl: 'https://example.com', headers: [['Content-Type', 'application/json'], ['X-Twilio-Signature', jsonSig]], body: JSON_BODY });
    const v = twilioScheme.verify({ request: req, key: utf8(TOKEN) });
    expect(v).toMatchObject({ valid: true, canonical: `https://example.com${JSON_URL}` });
    expect(v.details).toContain('bodySHA256 matches the body');
    const altered = twilioScheme.verify({ request: { ...req, body: Buffer.from(JSON_BODY.replace('CA1', 'CA2')) }, key: utf8(TOKEN) });
    expect(altered).toMatchObject({ valid: false, cause: expect.stringMatching(/^body altered/) });
  });

  it('signs the URL alone whenever it carries bodySHA256, as validateIncomingRequest does, whatever the content type', () => {
    const req = captured({ url: JSON_URL, fullUrl: 'https://example.com', headers: [['Content-Type', 'application/x-www-form-urlencoded'], ['X-Twilio-Signature', jsonSig]], body: JSON_BODY });
    expect(twilioScheme.verify({ request: req, key: utf8(TOKEN) }).canonical).toBe(`https://example.com${JSON_URL}`);
  });
});
