/**
 * Tapjoy self-managed currency callbacks: verifier = md5 of id, snuid, currency and the
 * currency's secret key. The docs name the four parts and their order; the ':' separator
 * is not shown in the stored copy of the page — it is taken from public integrations
 * that implement md5("id:snuid:currency:secret_key"). Override `separator` if your
 * Tapjoy account signs differently; explain() tries other separators anyway.
 * Source: https://dev.tapjoy.com/en/support/Self-Managed-Currency
 *   (now https://docs.unity.com/en-us/grow/offerwall/monetization/virtual-currency/self-managed-currency)
 * No worked example with a secret and expected verifier is published.
 */
import { CONCAT_DEFAULTS, createConcatHashScheme } from '../concat-hash.js';

export const tapjoyScheme = createConcatHashScheme(
  'tapjoy',
  'Tapjoy (verifier = md5 id:snuid:currency:secret)',
  [
    'https://dev.tapjoy.com/en/support/Self-Managed-Currency',
    'https://docs.unity.com/en-us/grow/offerwall/monetization/virtual-currency/self-managed-currency',
  ],
  { ...CONCAT_DEFAULTS, algorithm: 'md5', fields: ['id', 'snuid', 'currency'], separator: ':', secretPosition: 'end', signature: { in: 'query', name: 'verifier' } },
);
