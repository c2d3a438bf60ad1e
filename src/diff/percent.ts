/**
 * Query/form params as the diff compares them. Splitting, decoding and path normalisation are
 * src/http's; this adds the comparison keys.
 *
 * Comparison keys are the decoded BYTES (as a one-char-per-byte string), not decoded text: two
 * different invalid UTF-8 sequences both decode to U+FFFD, and must still compare as different.
 */
import { bytesToBinaryString } from '../shared/binary-string.js';
import { decodeComponent } from '../http/percent.js';
import { splitPairs } from '../http/query.js';
import type { ParamValue } from './types.js';

/** A parsed `name=value` segment plus its comparison keys. */
export interface ParsedParam extends ParamValue {
  nameKey: string;
  valueKey: string;
}

/**
 * Parses a raw query or form string into ordered params, keeping duplicates and raw forms.
 * Empty segments (`a=1&&b=2`, trailing `&`) carry no parameter, so they are skipped.
 */
export function parseParams(raw: string | null): ParsedParam[] {
  return splitPairs(raw).map(({ rawName, rawValue }, index) => {
    const name = decodeComponent(rawName, { plusAsSpace: true });
    const value = decodeComponent(rawValue ?? '', { plusAsSpace: true });
    return { index, rawName, rawValue, name: name.text, value: value.text, nameKey: bytesToBinaryString(name.bytes), valueKey: bytesToBinaryString(value.bytes) };
  });
}
