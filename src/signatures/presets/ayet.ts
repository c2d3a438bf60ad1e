/**
 * ayeT-Studios offerwall callbacks: header X-Ayetstudios-Security-Hash = hex HMAC-SHA256,
 * keyed with the publisher API key, of the request parameters sorted by name and
 * rebuilt with PHP's http_build_query (form encoding: space → '+').
 * Source: https://docs.ayetstudios.com/v/product-docs/callbacks-and-testing/callback-verification/hmac-security-hash-optional
 * Worked example there: API key 9f2228fea0d8e7ce10b2ac36053db14c (see the unit test).
 */
import { createHmacScheme, HMAC_DEFAULTS } from '../hmac.js';

export const ayetScheme = createHmacScheme(
  'ayet',
  'ayeT-Studios (X-Ayetstudios-Security-Hash)',
  ['https://docs.ayetstudios.com/v/product-docs/callbacks-and-testing/callback-verification/hmac-security-hash-optional'],
  {
    ...HMAC_DEFAULTS,
    algorithm: 'sha256',
    message: { kind: 'sorted-params', source: 'query', encoding: 'form', pairSeparator: '&', kvSeparator: '=', order: 'sorted' },
    output: 'hex',
    signature: { in: 'header', name: 'X-Ayetstudios-Security-Hash' },
  },
);
