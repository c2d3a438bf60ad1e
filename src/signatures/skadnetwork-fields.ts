/**
 * SKAdNetwork postback field orders per version: the values joined with U+2063
 * (INVISIBLE SEPARATOR) are what Apple signed. Optional fields are omitted (no empty slot)
 * when absent; booleans are the strings 'true'/'false'; conversion values are never signed.
 * Sources:
 *   4.0: https://developer.apple.com/documentation/storekit/verifying-an-install-validation-postback
 *   3.0: https://developer.apple.com/documentation/storekit/combining-parameters-for-skadnetwork-3-postbacks
 *   2.2, 2.1, 2.0, 1.0: https://developer.apple.com/documentation/storekit/combining-parameters-for-previous-skadnetwork-postback-versions
 */
import { stringifyField } from './request.js';

export const SKAN_SEPARATOR = '\u2063';
export const SKAN_VERSIONS = ['1.0', '2.0', '2.1', '2.2', '3.0', '4.0'] as const;
export type SkanVersion = (typeof SKAN_VERSIONS)[number];

interface FieldSpec {
  name: string;
  optional?: boolean;
}

const V2: FieldSpec[] = [
  { name: 'version' },
  { name: 'ad-network-id' },
  { name: 'campaign-id' },
  { name: 'app-id' },
  { name: 'transaction-id' },
  { name: 'redownload' },
  { name: 'source-app-id', optional: true },
];

export const SKAN_FIELD_ORDER: Readonly<Record<SkanVersion, FieldSpec[]>> = {
  // 1.0 postbacks carry no version in the signed string.
  '1.0': [{ name: 'ad-network-id' }, { name: 'campaign-id' }, { name: 'app-id' }, { name: 'transaction-id' }],
  '2.0': V2,
  '2.1': V2,
  '2.2': [...V2, { name: 'fidelity-type' }],
  // Non-winning 3.0 postbacks have no source-app-id; did-win is always there.
  '3.0': [...V2, { name: 'fidelity-type' }, { name: 'did-win' }],
  // 4.0: source-identifier replaces campaign-id; source-app-id or source-domain (web ads), each optional.
  '4.0': [
    { name: 'version' },
    { name: 'ad-network-id' },
    { name: 'source-identifier' },
    { name: 'app-id' },
    { name: 'transaction-id' },
    { name: 'redownload' },
    { name: 'source-app-id', optional: true },
    { name: 'source-domain', optional: true },
    { name: 'fidelity-type' },
    { name: 'did-win' },
    { name: 'postback-sequence-index' },
  ],
};

/** Keys each version signs, with P-192 for 1.0/2.0 and P-256 from 2.1 (Apple's release notes). */
export function skanCurve(v: SkanVersion): 'P-192' | 'P-256' {
  return v === '1.0' || v === '2.0' ? 'P-192' : 'P-256';
}

/** The postback's version: '1.0' when absent (the original postback had none), null when unknown. */
export function detectVersion(body: Record<string, unknown>): SkanVersion | null {
  const v = body['version'];
  if (v === undefined || v === null || v === '') return '1.0';
  const s = stringifyField(v);
  return (SKAN_VERSIONS as readonly string[]).includes(s) ? (s as SkanVersion) : null;
}

export interface SkanCanonical {
  text: string;
  missing: string[];
  /** Body fields the signature does not cover (conversion values, the signature itself, extras). */
  unsigned: string[];
  /** Signed values that contain the separator: one signature, two readings. */
  smuggled: string[];
}

export function skanCanonical(body: Record<string, unknown>, version: SkanVersion): SkanCanonical {
  const order = SKAN_FIELD_ORDER[version];
  const values: string[] = [];
  const missing: string[] = [];
  const smuggled: string[] = [];
  for (const f of order) {
    const v = body[f.name];
    if (v === undefined || v === null) {
      if (!f.optional) missing.push(f.name);
      continue;
    }
    const s = stringifyField(v);
    if (s.includes(SKAN_SEPARATOR)) smuggled.push(f.name);
    values.push(s);
  }
  const signed = new Set(order.map((f) => f.name));
  const unsigned = Object.keys(body).filter((k) => !signed.has(k));
  return { text: values.join(SKAN_SEPARATOR), missing, unsigned, smuggled };
}
