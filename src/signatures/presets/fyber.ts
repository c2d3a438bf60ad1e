/**
 * Fyber / Digital Turbine offerwall reward callbacks:
 * sid = sha1(security_token + user_id + amount + _trans_id_ + pub0 + pub1 + …).
 * _trans_id_ and pub0…pub9 are only present when configured, so absent ones are skipped.
 * The amount must be hashed exactly as sent (it may be a float such as "12.5").
 * Source: https://developer.digitalturbine.com/hc/en-us/articles/360010867817-Server-Side-Rewarding
 *   (formerly https://developer.fyber.com/hc/en-us/articles/360011061258-Server-Side-Rewarding)
 * No worked example with a token and expected sid is published.
 */
import { CONCAT_DEFAULTS, createConcatHashScheme } from '../concat-hash.js';

const PUBS = Array.from({ length: 10 }, (_, i) => `pub${i}`);

export const fyberScheme = createConcatHashScheme(
  'fyber',
  'Fyber / Digital Turbine (sid = sha1 token+uid+amount+_trans_id_+pubN)',
  [
    'https://developer.digitalturbine.com/hc/en-us/articles/360010867817-Server-Side-Rewarding',
    'https://developer.fyber.com/hc/en-us/articles/360011061258-Server-Side-Rewarding',
  ],
  { ...CONCAT_DEFAULTS, algorithm: 'sha1', fields: ['uid', 'amount', '_trans_id_', ...PUBS], separator: '', secretPosition: 'start', missing: 'skip', signature: { in: 'query', name: 'sid' } },
);
