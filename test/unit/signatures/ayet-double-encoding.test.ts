import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ayetScheme, hmacScheme } from '../../../src/signatures/index.js';
import { captured, utf8 } from './helpers.js';

/**
 * ayeT-Studios' two documented PHP samples:
 *  - current (https://docs.ayetstudios.com/v/product-docs/callbacks-and-testing/callback-verification/hmac-security-hash-optional):
 *    ksort($_GET); http_build_query(...)  → values encoded once;
 *  - earlier (the page's PDF export, https://docs.ayetstudios.com/v/~gitbook/pdf?page=Oe7iOCsZGTg4Xdr0BvRe&only=yes):
 *    array_map('urlencode', $_GET) first → values encoded twice.
 * Both use the documented example callback and API key; offer_name=TEST OFFER is the value the
 * current page adds to show the encoding (its hash 62a3…f04b is the once-encoded one).
 */
const key = utf8('9f2228fea0d8e7ce10b2ac36053db14c');
const url = '/postback/?transaction_id=8ee08f32ae611231b0a49d1bd66e9bf193132561&amount=0.10&payout=1.50&user_id=testuser123456&click_id=1234abcd5678021&offer_name=TEST+OFFER';
const DOC_HASH = '62a32725866780ada1dec3d62232645f2801e05a91df7b0202e9b780f804f04b';
const sorted = (offerName: string) =>
  `amount=0.10&click_id=1234abcd5678021&offer_name=${offerName}&payout=1.50&transaction_id=8ee08f32ae611231b0a49d1bd66e9bf193132561&user_id=testuser123456`;
const hmac = (msg: string) => createHmac('sha256', key.secret).update(msg).digest('hex');
const explain = (target: string, hash: string) => ayetScheme.explain({ request: captured({ method: 'GET', url: target, headers: [['X-Ayetstudios-Security-Hash', hash]] }), key });

describe('ayeT-Studios: the double-encoded variant is diagnosed, not reported as a plain mismatch', () => {
  it("the documented hash is the once-encoded string (the current sample's)", () => {
    expect(hmac(sorted('TEST+OFFER'))).toBe(DOC_HASH);
  });

  it("names a hash made the earlier sample's way (urlencode then http_build_query: TEST%2BOFFER)", () => {
    // PHP: urlencode('TEST OFFER') = 'TEST+OFFER'; http_build_query encodes that again → 'TEST%2BOFFER'.
    const v = explain(url, hmac(sorted('TEST%2BOFFER')));
    expect(v.valid).toBe(false);
    expect(v.cause).toMatch(/^double-encoded by the sender: the signature matches the parameter values percent-encoded twice/);
    expect(v.cause).toMatch(/ayeT-Studios' earlier PHP sample \(urlencode\(\) on each value, then http_build_query\(\)\)/);
  });

  it('names values that arrived encoded twice (TEST%2520OFFER) under the documented hash', () => {
    const v = explain(url.replace('TEST+OFFER', 'TEST%2520OFFER'), DOC_HASH);
    expect(v.valid).toBe(false);
    expect(v.cause).toMatch(/^double-encoded in transit: the values arrived percent-encoded twice \(e\.g\. %2520\)/);
  });

  it('the two samples agree when no value needs encoding: the documented callback without offer_name verifies', () => {
    const plain = url.replace('&offer_name=TEST+OFFER', '');
    const both = hmac(sorted('').replace('&offer_name=', ''));
    expect(explain(plain, both).valid).toBe(true);
  });

  it('a wrong key is not mistaken for double encoding', () => {
    const v = explain(url, createHmac('sha256', 'another-key').update(sorted('TEST%2BOFFER')).digest('hex'));
    expect(v.cause).not.toMatch(/double-encoded/);
  });

  it('the generic HMAC scheme gets the same diagnosis, without the ayeT sentence', () => {
    const options = { message: { kind: 'sorted-params' as const, source: 'query' as const, encoding: 'form' as const, pairSeparator: '&', kvSeparator: '=' }, signature: { in: 'header' as const, name: 'X-Sig' } };
    const v = hmacScheme.explain({ request: captured({ method: 'GET', url, headers: [['X-Sig', hmac(sorted('TEST%2BOFFER'))]] }), options, key });
    expect(v.cause).toMatch(/^double-encoded by the sender/);
    expect(v.cause).not.toMatch(/ayeT/);
  });
});
