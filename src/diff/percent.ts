/**
 * Splitting request targets and percent-decoding query/form components.
 *
 * Comparison keys are the decoded BYTES (as a one-char-per-byte string), not decoded text: two
 * different invalid UTF-8 sequences both decode to U+FFFD, and must still compare as different.
 */
import type { ParamValue } from './types.js';

const lenientUtf8 = new TextDecoder('utf-8');
const utf8 = new TextEncoder();
const HEX2 = /^[0-9a-fA-F]{2}$/;

/** Splits a raw request target into raw path and raw query (null when there is no '?'). */
export function splitTarget(target: string): { path: string; query: string | null } {
  // A fragment never travels in a request target; if a tool put one there it is not part of the query.
  const hash = target.indexOf('#');
  const t = hash < 0 ? target : target.slice(0, hash);
  const q = t.indexOf('?');
  return q < 0 ? { path: t, query: null } : { path: t.slice(0, q), query: t.slice(q + 1) };
}

/**
 * Decodes `%XX` escapes (and `+` as space for form/query encoding) to bytes. Invalid escapes are
 * kept literally, as servers do. Chars ≤ 0xFF are taken as bytes (Node's latin1 "binary strings");
 * higher chars are already-decoded text and contribute their UTF-8 bytes.
 */
export function decodeComponent(raw: string, plusAsSpace: boolean): { key: string; text: string } {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x25 && HEX2.test(raw.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === 0x2b && plusAsSpace) {
      bytes.push(0x20);
    } else if (c > 0xff) {
      const cp = raw.codePointAt(i) ?? c;
      if (cp > 0xffff) i++;
      for (const b of utf8.encode(String.fromCodePoint(cp))) bytes.push(b);
    } else {
      bytes.push(c);
    }
  }
  let key = '';
  for (const b of bytes) key += String.fromCharCode(b);
  return { key, text: lenientUtf8.decode(Uint8Array.from(bytes)) };
}

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
  if (raw === null || raw === '') return [];
  const out: ParsedParam[] = [];
  for (const segment of raw.split('&')) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const rawName = eq < 0 ? segment : segment.slice(0, eq);
    const rawValue = eq < 0 ? null : segment.slice(eq + 1);
    const name = decodeComponent(rawName, true);
    const value = decodeComponent(rawValue ?? '', true);
    out.push({
      index: out.length,
      rawName,
      rawValue,
      name: name.text,
      value: value.text,
      nameKey: name.key,
      valueKey: value.key,
    });
  }
  return out;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * RFC 3986 §6.2.2 normalisation for paths: uppercase hex in escapes and decode only unreserved
 * characters. Unlike query values, `%2F` vs `/` or `+` vs `%20` in a path can route differently,
 * so those stay distinct.
 */
export function normalizePath(raw: string): string {
  return raw.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => {
    const ch = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(ch) ? ch : `%${hex.toUpperCase()}`;
  });
}
