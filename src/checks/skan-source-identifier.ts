/**
 * SKAdNetwork 4 hierarchical source identifier against the postback's crowd-anonymity tier: the
 * more digits a postback reveals, the more it narrows down who installed, so Apple only sends the
 * third and fourth digits when the install's crowd is large enough. A postback that shows more
 * digits than its own fields allow was not made the way Apple makes them (edited by a network or
 * MMP, or forged) and reveals more about the user than Apple's privacy tiers let through.
 *
 * What Apple documents, and what is checked here:
 * - `source-identifier` (version 4 and later) "represents two, three, or four digits" of the
 *   impression's value: https://developer.apple.com/documentation/storekit/identifying-the-parameters-in-install-validation-postbacks
 *   and a postback outside that is invalid (SKAdTestError.Code.invalidSourceIdentifier, "isn't two,
 *   three, or four digits"): https://developer.apple.com/documentation/storekittest/skadtesterror/code/invalidsourceidentifier
 * - how many of them a postback gets depends on its postback data tier, in "the first winning
 *   postback": https://developer.apple.com/documentation/storekit/skadimpression/sourceidentifier
 * - which fields each tier carries: the first postback has a coarse-conversion-value and no fine
 *   conversion-value only at Tier 1, with the two-digit source identifier (Tier 0 has neither
 *   value). Apple's pages we could read do not tabulate this; it is the table partners publish from
 *   Apple's WWDC22 "What's new with SKAdNetwork" (developer.apple.com/videos/play/wwdc2022/10038):
 *   https://help.branch.io/marketer-hub/skadnetwork-data (fields per tier) and
 *   https://docs.backup.linkrunner.io/features/skan-dashboard/privacy-tiers (digits per tier).
 *
 * Not checked, because nothing in the fields pins the tier down: three digits beside a fine value
 * (Tier 2) versus four (Tier 3; Apple's own coarse example carries a source-domain, so its presence
 * does not prove Tier 3); the second and third postbacks (coarse at every tier); non-winning
 * postbacks; AdAttributionKit, whose source-identifier is inside the signed JWS.
 */
import type { PostbackIssue } from '../model/verdict.js';
import { findField, type PostbackField } from './postback-fields.js';

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
  const sequence = value('postback-sequence-index');
  const first = sequence === null || sequence === '0';
  const won = value('did-win') !== 'false';
  const coarseOnly = value('coarse-conversion-value') !== null && value('conversion-value') === null;
  if (first && won && coarseOnly && source.length > 2) {
    return [
      {
        code: CODE,
        severity: 'fail',
        param: 'source-identifier',
        message: `source-identifier has ${source.length} digits, but a first postback with only a coarse conversion value is at crowd-anonymity Tier 1, where Apple sends 2: the extra digits narrow down the install beyond what Apple's privacy tier allows`,
      },
    ];
  }
  return [];
}
