/**
 * Byte-level helpers shared by every scheme: secret decoding, digest encodings,
 * percent-encodings and the constant-time comparison.
 */
import { decodeComponent } from '../http/percent.js';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { DigestEncoding, HashAlgorithm, SecretEncoding } from './types.js';
import { SignatureConfigError } from './types.js';

export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['md5', 'sha1', 'sha256', 'sha512'];
export const SECRET_ENCODINGS: readonly SecretEncoding[] = ['utf8', 'hex', 'base64'];
export const DIGEST_ENCODINGS: readonly DigestEncoding[] = ['hex', 'base64', 'base64url'];

export function assertOneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new SignatureConfigError(`${what} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const B64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** Secret text → key bytes; null when the text is not valid in that encoding (e.g. odd-length hex). */
export function decodeSecret(secret: string, encoding: SecretEncoding): Buffer | null {
  if (encoding === 'utf8') return Buffer.from(secret, 'utf8');
  if (encoding === 'hex') return HEX.test(secret) && secret.length > 0 ? Buffer.from(secret, 'hex') : null;
  const compact = secret.trim();
  return compact.length > 0 && compact.length % 4 !== 1 && B64.test(compact) ? Buffer.from(compact, 'base64') : null;
}

export function hmac(alg: HashAlgorithm, key: Buffer, data: Buffer | string): Buffer {
  return createHmac(alg, key).update(data).digest();
}

export function hash(alg: HashAlgorithm, data: Buffer | string): Buffer {
  return createHash(alg).update(data).digest();
}

export function digestLength(alg: HashAlgorithm): number {
  return { md5: 16, sha1: 20, sha256: 32, sha512: 64 }[alg];
}

export function encodeDigest(bytes: Buffer, enc: DigestEncoding): string {
  if (enc === 'hex') return bytes.toString('hex');
  if (enc === 'base64') return bytes.toString('base64');
  return bytes.toString('base64url');
}

/**
 * The given signature text → bytes, so comparison is on bytes (uppercase hex or a
 * missing '=' pad still compares; `describeForm` reports such deviations).
 */
export function decodeGiven(text: string, enc: DigestEncoding): Buffer | null {
  const t = text.trim();
  if (enc === 'hex') return HEX.test(t) && t.length > 0 ? Buffer.from(t, 'hex') : null;
  if (enc === 'base64') return B64.test(t) && t.length > 0 ? Buffer.from(t, 'base64') : null;
  return B64URL.test(t) && t.length > 0 ? Buffer.from(t.replace(/=+$/, ''), 'base64url') : null;
}

/** Notes when the given text is not the exact canonical spelling of its bytes. */
export function describeForm(given: string, bytes: Buffer, enc: DigestEncoding): string | null {
  const canonical = encodeDigest(bytes, enc);
  if (given === canonical) return null;
  if (enc === 'hex' && given.toLowerCase() === canonical) return 'given hex digest is uppercase; strict string comparisons on the partner side would fail';
  return `given value is spelled "${given}" where the canonical ${enc} spelling is "${canonical}"`;
}

/** Guesses an encoding/algorithm from the shape of a given value, for mismatch hints. */
export function guessShape(text: string): string | null {
  const t = text.trim();
  const hexLen: Record<number, string> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };
  if (/^[0-9a-fA-F]+$/.test(t) && hexLen[t.length]) return `${hexLen[t.length]} hex (${t.length} hex chars)`;
  const raw = B64.test(t) ? Buffer.from(t, 'base64') : B64URL.test(t) ? Buffer.from(t, 'base64url') : null;
  const b64Len: Record<number, string> = { 16: 'md5', 20: 'sha1', 32: 'sha256', 64: 'sha512' };
  if (raw && b64Len[raw.length]) return `${b64Len[raw.length]} base64 (${raw.length} bytes)`;
  return null;
}

/**
 * Constant-time equality. Lengths are public (every digest of an algorithm has the
 * same length), so a length mismatch returns false after a dummy comparison of equal cost.
 */
export function safeEqual(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** RFC 3986 unreserved set only: what `rawurlencode` and most "rfc3986" signers produce. */
export function rfc3986Encode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** PHP `urlencode` / `http_build_query`: like RFC 3986 but space is '+' and '~' is escaped. */
export function formEncode(s: string): string {
  return rfc3986Encode(s).replace(/%20/g, '+').replace(/~/g, '%7E');
}

/**
 * application/x-www-form-urlencoded decoding that never throws: '+' is space, valid
 * %XX become bytes, malformed escapes stay literal (the receiver keeps what was sent).
 */
export function formDecode(s: string): string {
  // Text, not a binary string: what a signer is given has been read as UTF-8 already.
  return decodeComponent(s, { plusAsSpace: true, input: 'text' }).text;
}
