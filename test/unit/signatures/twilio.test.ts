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
