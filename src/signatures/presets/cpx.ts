/**
 * CPX Research postbacks: {secure_hash} = md5(trans_id + '-' + security hash key).
 * NOT FOUND IN CPX'S OWN DOCUMENTATION: the publisher docs (publisher.cpx-research.com)
 * were not reachable in the reference corpus. The formula is the one implemented by
 * several independent public CPX integrations; treat it as unverified and override the
 * options if your CPX app settings say otherwise.
 */
import { CONCAT_DEFAULTS, createConcatHashScheme } from '../concat-hash.js';

export const cpxScheme = createConcatHashScheme(
  'cpx',
  'CPX Research (md5 trans_id-key) — unverified formula',
  [],
  { ...CONCAT_DEFAULTS, algorithm: 'md5', fields: ['trans_id'], separator: '-', secretPosition: 'end', signature: { in: 'query', name: 'hash' } },
);
