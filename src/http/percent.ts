/**
 * The one percent-decoder. Every reader of a query, a form body or a signed string decodes
 * through here, so a value compares, indexes and displays the same everywhere. Pure.
 *
 * It never throws and never loses what was sent: an invalid escape (`100%`, `%G1`) is kept
 * literally, as servers do, and flagged; the decoded BYTES are returned beside the text, because
 * two different invalid UTF-8 sequences both read as U+FFFD and must still compare as different.
 */
import { isValidUtf8 } from '../shared/binary-string.js';

export interface DecodeOptions {
  /** `+` means space only in application/x-www-form-urlencoded (queries and form bodies), never in a path. */
  plusAsSpace: boolean;
  /**
   * What chars 0x80–0xFF of the input are. 'binary' (default): bytes, the way Node hands over
   * targets and header values. 'text': characters of already-decoded text (a URL typed into the
   * sender), contributing their UTF-8 bytes. Chars above 0xFF are text either way.
   */
  input?: 'binary' | 'text';
}

export interface DecodedComponent {
  /** The input, untouched. */
  raw: string;
  /** The decoded bytes. */
  bytes: Uint8Array;
  /** The bytes read as UTF-8; invalid sequences become U+FFFD (see `invalidUtf8`). */
  text: string;
  invalidEscape: boolean;
  invalidUtf8: boolean;
}

const lenientUtf8 = new TextDecoder('utf-8');
const utf8 = new TextEncoder();

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

export function decodeComponent(raw: string, options: DecodeOptions): DecodedComponent {
  const textInput = options.input === 'text';
  const bytes: number[] = [];
  let invalidEscape = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x25 /* % */) {
      if (isHex(raw.charCodeAt(i + 1)) && isHex(raw.charCodeAt(i + 2))) {
        bytes.push(Number.parseInt(raw.slice(i + 1, i + 3), 16));
        i += 2;
        continue;
      }
      invalidEscape = true;
      bytes.push(c);
    } else if (c === 0x2b /* + */ && options.plusAsSpace) {
      bytes.push(0x20);
    } else if (c < 0x80 || (c <= 0xff && !textInput)) {
      bytes.push(c);
    } else {
      const cp = raw.codePointAt(i) ?? c;
      if (cp > 0xffff) i++;
      for (const b of utf8.encode(String.fromCodePoint(cp))) bytes.push(b);
    }
  }
  const array = Uint8Array.from(bytes);
  return { raw, bytes: array, text: lenientUtf8.decode(array), invalidEscape, invalidUtf8: !isValidUtf8(array) };
}

/** Text and flags only, for callers that neither compare bytes nor need the raw form back. */
export function percentDecode(raw: string, plusAsSpace: boolean): { text: string; invalidEscape: boolean; invalidUtf8: boolean } {
  const { text, invalidEscape, invalidUtf8 } = decodeComponent(raw, { plusAsSpace });
  return { text, invalidEscape, invalidUtf8 };
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
