/**
 * Which SKAdNetwork 4 postback data tier (crowd anonymity) a first winning postback's own fields
 * show, and how many source-identifier digits Apple sends at that tier. Pure; read by the privacy
 * check (skan-source-identifier.ts).
 *
 * Apple documents that the first winning postback carries two, three or four digits of the
 * impression's source identifier "depending on the ad impression's postback data tier"
 * (https://developer.apple.com/documentation/storekit/skadimpression/sourceidentifier), that a
 * version 4 postback carries a fine conversion value or a coarse one, not both
 * (https://developer.apple.com/documentation/storekittest/skadtestpostback/fineconversionvalue), and
 * that Tier 0 gets only the first postback
 * (https://developer.apple.com/documentation/adattributionkit/receiving-postbacks-in-multiple-conversion-windows).
 * Which fields and digits each tier carries is the table partners publish from Apple's WWDC22
 * session 10038 (developer.apple.com/videos/play/wwdc2022/10038):
 *   first postback   Tier 0: source-identifier (2 digits)
 *                    Tier 1: 2 digits, coarse-conversion-value
 *                    Tier 2: 3 digits, conversion-value (fine)
 *                    Tier 3: 4 digits, conversion-value, source-app-id or source-domain
 * https://help.branch.io/marketer-hub/skadnetwork-data (fields per tier) and
 * https://docs.backup.linkrunner.io/features/skan-dashboard/privacy-tiers (digits per tier).
 *
 * `fidelity-type` plays no part: it says how the ad was shown (1 StoreKit-rendered or web, 0
 * view-through), at every tier. Apple's own coarse example carries a source-domain beside two digits
 * and a coarse value, so a source-app-id/domain only tells Tier 3 from Tier 2 when the fine value
 * already says "Tier 2 or 3"; with a coarse value the value decides.
 */
import { findField, type PostbackField } from './postback-fields.js';

export interface SkanTierReading {
  /** As the fields show it, e.g. `Tier 1`. */
  tier: 'Tier 0' | 'Tier 1' | 'Tier 2' | 'Tier 3';
  /** Source-identifier digits Apple sends at that tier. */
  digits: 2 | 3 | 4;
  /** The fields that show the tier, in words. */
  because: string;
  /**
   * How sure the reading is: a conversion value present or absent is the tier's own mark ('fail'
   * when digits exceed it); the absence of source-app-id/domain is weaker evidence ('warn').
   */
  certainty: 'fail' | 'warn';
}

/** Null when the fields do not pin a tier down: not SKAdNetwork 4+, not the first winning postback, or both values (not Apple's shape). */
export function skanFirstPostbackTier(fields: readonly PostbackField[]): SkanTierReading | null {
  const value = (name: string): string | null => findField(fields, name)?.value.trim() ?? null;
  if (!(Number(value('version')) >= 4) || value('ad-network-id') === null) return null;
  const sequence = value('postback-sequence-index');
  if (sequence !== null && sequence !== '0') return null;
  if (value('did-win') === 'false') return null;
  const fine = value('conversion-value') !== null;
  const coarse = value('coarse-conversion-value') !== null;
  if (fine && coarse) return null;
  if (!fine && !coarse) return { tier: 'Tier 0', digits: 2, because: 'a first postback with no conversion value', certainty: 'fail' };
  if (coarse) return { tier: 'Tier 1', digits: 2, because: 'a first postback with only a coarse conversion value', certainty: 'fail' };
  if (value('source-app-id') !== null || value('source-domain') !== null) return { tier: 'Tier 3', digits: 4, because: 'a fine conversion value with the source app or domain', certainty: 'fail' };
  return { tier: 'Tier 2', digits: 3, because: 'a fine conversion value without a source-app-id or source-domain', certainty: 'warn' };
}
