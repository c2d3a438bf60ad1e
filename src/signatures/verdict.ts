/**
 * Verdict construction and the digest comparison shared by the HMAC-family schemes.
 */
import { decodeGiven, describeForm, guessShape, safeEqual } from './encoding.js';
import type { DigestEncoding, Trust, Verdict } from './types.js';
import { makeVisible } from './visible.js';

export interface VerdictParts {
  scheme: string;
  valid: boolean;
  canonical: string;
  expected: string | null;
  given: string | null;
  cause: string | null;
  details: string[];
  trust?: Trust;
  caseInsensitive?: boolean;
  /** Kept only on a valid verdict: a note about an invalid one would compete with its cause. */
  note?: string | null;
}

export function makeVerdict(p: VerdictParts): Verdict {
  const v: Verdict = {
    valid: p.valid,
    scheme: p.scheme,
    canonical: p.canonical,
    canonicalVisible: makeVisible(p.canonical),
    expected: p.expected,
    given: p.given,
    cause: p.valid ? null : p.cause,
    details: p.details,
  };
  if (p.trust) v.trust = p.trust;
  if (p.caseInsensitive) v.caseInsensitive = true;
  if (p.valid && p.note) v.note = p.note;
  return v;
}

/**
 * The note for a valid hex signature whose letter case differs from the one we computed. Hex is
 * case-insensitive (RFC 4648 §8 lists both cases as the same digit) and the comparison is on bytes,
 * so this is not a failure — but a partner-side `===` against lowercase output would reject it.
 */
export function hexCaseNote(given: string, expected: string): string | null {
  const g = given.trim();
  if (g === expected || g.toLowerCase() !== expected.toLowerCase()) return null;
  const spelling = g === g.toUpperCase() ? 'uppercase' : g === g.toLowerCase() ? 'lowercase' : 'mixed-case';
  return `valid; the partner sent ${spelling} hex (hex compares without letter case, so the bytes match)`;
}

export interface DigestCheck {
  ok: boolean;
  /** Why it failed before any byte comparison (missing prefix, not hex…), else null. */
  problem: string | null;
  notes: string[];
}

/**
 * Compares a given signature text with computed digest bytes in constant time.
 * The prefix ('sha256=') is matched case-insensitively: GitHub documents lowercase,
 * some relays uppercase it, and the bytes after it are what authenticate.
 */
export function checkDigest(given: string, digest: Buffer, enc: DigestEncoding, prefix: string): DigestCheck {
  const notes: string[] = [];
  let body = given.trim();
  if (prefix) {
    if (body.toLowerCase().startsWith(prefix.toLowerCase())) body = body.slice(prefix.length);
    else return { ok: false, problem: `prefix "${prefix}" missing from the given value`, notes };
  }
  const bytes = decodeGiven(body, enc);
  if (!bytes) {
    const shape = guessShape(body);
    return { ok: false, problem: `given value is not ${enc}${shape ? ` (looks like ${shape})` : ''}`, notes };
  }
  const ok = safeEqual(digest, bytes);
  if (ok) {
    const form = describeForm(body, bytes, enc);
    if (form) notes.push(form);
  }
  return { ok, problem: null, notes };
}

/** Seconds between a timestamp and now, as a clock-skew cause when outside tolerance. */
export function skewCause(timestamp: number, now: number, toleranceSec: number): string | null {
  const delta = now - timestamp;
  if (Math.abs(delta) <= toleranceSec) return null;
  const dir = delta > 0 ? `${delta}s in the past` : `${-delta}s in the future`;
  return `clock skew: timestamp ${timestamp} is ${dir} (tolerance ${toleranceSec}s) — replayed postback or a sender/receiver clock off`;
}

export function nowSeconds(now?: number): number {
  return now ?? Math.floor(Date.now() / 1000);
}
