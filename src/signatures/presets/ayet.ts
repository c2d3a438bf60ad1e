/**
 * ayeT-Studios offerwall callbacks: header X-Ayetstudios-Security-Hash = hex HMAC-SHA256,
 * keyed with the publisher API key, of the request parameters sorted by name and
 * rebuilt with PHP's http_build_query (form encoding: space → '+').
 * Source: https://docs.ayetstudios.com/v/product-docs/callbacks-and-testing/callback-verification/hmac-security-hash-optional
 * Worked example there: API key 9f2228fea0d8e7ce10b2ac36053db14c (see the unit test).
 * ayeT's docs have shown two PHP samples: the current one (http_build_query only) and an earlier one
 * that urlencode()s each value first, which signs every value encoded twice. Verification follows
 * the current one; a hash that only matches the earlier form is diagnosed as such (double-encoding.ts).
 *   Earlier revision: https://docs.ayetstudios.com/v/~gitbook/pdf?page=Oe7iOCsZGTg4Xdr0BvRe&only=yes
 */
import { createHmacScheme, HMAC_DEFAULTS } from '../hmac.js';
import type { HmacOptions } from '../hmac.js';
import type { Scheme } from '../types.js';

const hmacAyet = createHmacScheme(
  'ayet',
  'ayeT-Studios (X-Ayetstudios-Security-Hash)',
  [
    'https://docs.ayetstudios.com/v/product-docs/callbacks-and-testing/callback-verification/hmac-security-hash-optional',
    'https://docs.ayetstudios.com/v/~gitbook/pdf?page=Oe7iOCsZGTg4Xdr0BvRe&only=yes',
  ],
  {
    ...HMAC_DEFAULTS,
    algorithm: 'sha256',
    message: { kind: 'sorted-params', source: 'query', encoding: 'form', pairSeparator: '&', kvSeparator: '=', order: 'sorted' },
    output: 'hex',
    signature: { in: 'header', name: 'X-Ayetstudios-Security-Hash' },
  },
);

/** The generic diagnosis, plus which of ayeT's two documented samples the hash follows. */
export const ayetScheme: Scheme<HmacOptions> = {
  ...hmacAyet,
  explain(input) {
    const verdict = hmacAyet.explain(input);
    if (!verdict.cause?.startsWith('double-encoded by the sender')) return verdict;
    return {
      ...verdict,
      cause: `${verdict.cause}. This is the form of ayeT-Studios' earlier PHP sample (urlencode() on each value, then http_build_query()); their current sample encodes once — verify with the form the hash was made with, and ask ayeT which one their server uses`,
    };
  },
};
