/**
 * SKAdNetwork 4 hierarchical source identifier against the postback's crowd-anonymity tier: the
 * more digits a postback reveals, the more it narrows down who installed, so Apple only sends the
 * third and fourth digits when the install's crowd is large enough. A postback that shows more
 * digits than its own fields allow was not made the way Apple makes them (edited by a network or
 * MMP, or forged) and reveals more about the user than Apple's privacy tiers let through.
 *
 * - `source-identifier` (version 4 and later) "represents two, three, or four digits" of the
 *   impression's value: https://developer.apple.com/documentation/storekit/identifying-the-parameters-in-install-validation-postbacks
 *   and a postback outside that is invalid (SKAdTestError.Code.invalidSourceIdentifier, "isn't two,
 *   three, or four digits"): https://developer.apple.com/documentation/storekittest/skadtesterror/code/invalidsourceidentifier
 * - the tier the first winning postback's fields show, and its digits: skan-tier.ts (sources there).
 *
 * Fewer digits than the tier carries is not flagged: an ad network may define a short identifier.
 * Not checked: the second and third postbacks and non-winning ones (Apple documents the 2–4 digits
 * for the first winning postback only); AdAttributionKit, whose source-identifier is inside the
 * signed JWS.
 */
import type { PostbackIssue } from '../model/verdict.js';
import { findField, type PostbackField } from './postback-fields.js';
import { skanFirstPostbackTier } from './skan-tier.js';

const CODE = 'privacy-skan-source-identifier' as const;

export function skanSourceIdentifierIssues(fields: readonly PostbackField[]): PostbackIssue[] {
  const value = (name: string): string | null => findField(fields, name)?.value.trim() ?? null;
  const source = value('source-identifier');
  const version = Number(value('version'));
  // Only SKAdNetwork 4+ postbacks carry it; a param of that name elsewhere is someone else's.
  if (source === null || !(version >= 4) || value('ad-network-id') === null) return [];
  if (!/^\d{2,4}$/.test(source)) {
    return [{ code: CODE, severity: 'fail', param: 'source-identifier', message: `source-identifier "${source}" is not two, three or four digits, as Apple sends it` }];
  }
  const reading = skanFirstPostbackTier(fields);
  if (reading && source.length > reading.digits) {
    return [
      {
        code: CODE,
        severity: reading.certainty,
        param: 'source-identifier',
        message: `source-identifier has ${source.length} digits, but ${reading.because} is at crowd-anonymity ${reading.tier}, where Apple sends ${reading.digits}: the extra digits narrow down the install beyond what Apple's privacy tier allows`,
      },
    ];
  }
  return [];
}
