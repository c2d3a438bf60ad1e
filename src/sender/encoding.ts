import { decodeComponent } from '../http/percent.js';

/**
 * Per-slot encoders. A value is encoded exactly once for the place it lands in; a value that is
 * already encoded for that place (a nested callback URL copied from a partner's doc) is kept.
 */

const utf8 = new TextEncoder();
const hex = (byte: number): string => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** Values made only of RFC 3986 unreserved characters need no encoding in any slot (ids, numbers). */
const plainValue = /^[A-Za-z0-9\-._]*$/;

function percentEncode(value: string, keep: (code: number) => boolean, spaceAsPlus = false): string {
  if (plainValue.test(value)) return value;
  let out = '';
  for (const byte of utf8.encode(value)) {
    if (spaceAsPlus && byte === 0x20) out += '+';
    else if (keep(byte)) out += String.fromCharCode(byte);
    else out += hex(byte);
  }
  return out;
}

const isAlnum = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
/** RFC 3986 unreserved: ALPHA DIGIT - . _ ~ */
const isUnreserved = (c: number): boolean => isAlnum(c) || c === 0x2d || c === 0x2e || c === 0x5f || c === 0x7e;
const pathKeeps = new Set([..."!$&'()*+,;=:@"].map((c) => c.charCodeAt(0)));

/** A query name or value: everything but RFC 3986 unreserved characters is percent-encoded (space → %20). */
export function encodeQueryComponent(value: string): string {
  return percentEncode(value, isUnreserved);
}

/** One path segment: `/`, `?`, `#` and `%` are encoded; sub-delims, `:` and `@` may stay (RFC 3986 pchar). */
export function encodePathSegment(value: string): string {
  return percentEncode(value, (c) => isUnreserved(c) || pathKeeps.has(c));
}

/** application/x-www-form-urlencoded as browsers serialise it (WHATWG URL): space → `+`. */
export function encodeFormComponent(value: string): string {
  return percentEncode(value, (c) => isAlnum(c) || c === 0x2a || c === 0x2d || c === 0x2e || c === 0x5f, true);
}

/** Inside a JSON string literal: JSON escapes, without the quotes. */
export function jsonEscape(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

const jsonLiteral = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;

/** Outside a string literal: numbers and true/false/null go in as they are, anything else as a JSON string. */
export function jsonBare(value: string): { text: string; literal: boolean } {
  return jsonLiteral.test(value) ? { text: value, literal: true } : { text: JSON.stringify(value), literal: false };
}

/**
 * Already encoded for a query value / form value: only characters that need no encoding there,
 * at least one valid %XX escape, and no bare `%`. `&`, `=` and `#` are excluded: a value holding
 * them raw would change the query's structure, so it is not "encoded" for this slot.
 */
const encodedForQuery = /^(?:[A-Za-z0-9\-._~!$'()*,;:@/?+]|%[0-9A-Fa-f]{2})*$/;
/** Already encoded for a path segment: pchar or %XX, no `/`. */
const encodedForPath = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*$/;
const hasEscape = /%[0-9A-Fa-f]{2}/;

export function isAlreadyEncoded(value: string, place: 'query' | 'path'): boolean {
  if (!hasEscape.test(value)) return false;
  return (place === 'path' ? encodedForPath : encodedForQuery).test(value);
}

/** Text → binary string of its UTF-8 bytes (one char per byte), the form raw targets and header values take on the wire. */
export function utf8ToBinary(text: string): string {
  // Pure ASCII (the usual case) is already its own binary string.
  if (!/[^\x00-\x7f]/.test(text)) return text;
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** Percent-decodes typed text for display and leftover checks; bad escapes stay literal, and text whose escapes are not UTF-8 is returned undecoded. */
export function percentDecodeLoose(text: string): string {
  const decoded = decodeComponent(text, { plusAsSpace: false, input: 'text' });
  return decoded.invalidUtf8 ? text : decoded.text;
}
