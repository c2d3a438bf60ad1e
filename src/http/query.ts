/**
 * Query strings and urlencoded form bodies: the one `&`/`=` splitter and the one parser that
 * flags what a postback engineer must notice. Pure.
 */
import type { QueryParam } from '../model/exchange.js';
import { decodeComponent } from './percent.js';

export interface RawPair {
  rawName: string;
  /** null when the segment has no `=` (`?flag`), which is not the same as an empty value (`?flag=`). */
  rawValue: string | null;
}

/** Splits at `&` and the first `=`, keeping order, duplicates and every byte. Empty segments carry nothing, as every server reads them. */
export function splitPairs(raw: string | null): RawPair[] {
  if (raw === null || raw === '') return [];
  const out: RawPair[] = [];
  for (const segment of raw.split('&')) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    out.push(eq < 0 ? { rawName: segment, rawValue: null } : { rawName: segment.slice(0, eq), rawValue: segment.slice(eq + 1) });
  }
  return out;
}

/**
 * Parses a raw query (or form body as a binary string) into ordered pairs, keeping duplicates
 * and raw forms, and flags bad escapes, `+` ambiguity, double encoding, empty values.
 */
export function parseQuery(rawQuery: string | null, plusAsSpace = true): QueryParam[] {
  const params: QueryParam[] = [];
  const seen = new Map<string, number>();
  for (const pair of splitPairs(rawQuery)) {
    const rawName = pair.rawName;
    const rawValue = pair.rawValue ?? '';
    const name = decodeComponent(rawName, { plusAsSpace });
    const value = decodeComponent(rawValue, { plusAsSpace });
    const anomalies: string[] = [];
    if (pair.rawValue === null) anomalies.push('no-equals');
    if (name.invalidEscape || value.invalidEscape) anomalies.push('invalid-percent-escape');
    if (name.invalidUtf8 || value.invalidUtf8) anomalies.push('invalid-utf8');
    if (rawValue.includes('+')) anomalies.push('plus-as-space');
    if (/%[0-9a-fA-F]{2}/.test(value.text)) anomalies.push('double-encoded');
    if (pair.rawValue === '') anomalies.push('empty-value');
    if (/[^\x21-\x7e]/.test(rawName + rawValue)) anomalies.push('unencoded-characters');
    params.push({ name: name.text, value: value.text, rawName, rawValue, anomalies });
    seen.set(name.text, (seen.get(name.text) ?? 0) + 1);
  }
  for (const p of params) if ((seen.get(p.name) ?? 0) > 1) p.anomalies.unshift('duplicate-key');
  return params;
}
