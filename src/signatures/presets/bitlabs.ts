/**
 * BitLabs callbacks: '&hash=' appended = hex HMAC-SHA1, keyed with the app secret, of the
 * whole callback URL as sent (scheme, host, path, query) without the hash parameter.
 * BitLabs warns not to re-encode or decode the URL first — hence 'url-without-signature',
 * which keeps the raw bytes.
 * Source: https://developer.bitlabs.ai/docs/securing-callbacks-through-hashing
 * Worked example there: App Secret JLOIAUNMHFli7ZJOQVEzm98rzqnm9 (see the unit test).
 */
import { createHmacScheme, HMAC_DEFAULTS } from '../hmac.js';

export const bitlabsScheme = createHmacScheme(
  'bitlabs',
  'BitLabs (&hash= HMAC-SHA1 of the URL)',
  ['https://developer.bitlabs.ai/docs/securing-callbacks-through-hashing'],
  {
    ...HMAC_DEFAULTS,
    algorithm: 'sha1',
    message: { kind: 'url-without-signature', absolute: true },
    output: 'hex',
    signature: { in: 'query', name: 'hash' },
  },
);
