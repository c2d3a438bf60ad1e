/**
 * Mismatch diagnosis: re-runs a scheme's computation under the usual mistakes and
 * names the first one that reproduces the given signature. Each trial is a pure
 * recomputation, so a hit is evidence, not a guess.
 */
import { decodeSecret, SECRET_ENCODINGS } from './encoding.js';
import type { SecretEncoding, SharedSecret } from './types.js';

export interface Trial {
  cause: string;
  test: () => boolean;
}

/** First trial that reproduces the signature; trials that throw simply do not match. */
export function firstCause(trials: Iterable<Trial>): string | null {
  for (const t of trials) {
    try {
      if (t.test()) return t.cause;
    } catch {
      // A variant that cannot even be computed is not the explanation.
    }
  }
  return null;
}

/** The secret read as each other encoding (utf8 ↔ hex ↔ base64). */
export function secretTrials(key: SharedSecret, matches: (secret: Buffer, enc: SecretEncoding) => boolean): Trial[] {
  return SECRET_ENCODINGS.filter((e) => e !== key.secretEncoding).flatMap((enc) => {
    const bytes = decodeSecret(key.secret, enc);
    if (!bytes) return [];
    return [
      {
        cause: `wrong secret encoding: the signature matches when the secret is read as ${enc}, not ${key.secretEncoding}`,
        test: () => matches(bytes, enc),
      },
    ];
  });
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}

/**
 * Plausible byte forms the sender may have signed instead of what arrived: another
 * JSON serialisation, a trailing newline added/removed, CRLF/LF swapped.
 */
export function bodyVariants(body: Buffer): Array<{ label: string; body: Buffer }> {
  const text = body.toString('utf8');
  const out: Array<{ label: string; body: Buffer }> = [];
  const add = (label: string, t: string) => {
    if (t !== text && !out.some((o) => o.body.toString('utf8') === t)) out.push({ label, body: Buffer.from(t, 'utf8') });
  };
  try {
    const parsed: unknown = JSON.parse(text);
    add('compact JSON (no whitespace)', JSON.stringify(parsed));
    add('JSON indented with 2 spaces', JSON.stringify(parsed, null, 2));
    add('JSON indented with 4 spaces', JSON.stringify(parsed, null, 4));
    add('compact JSON with keys sorted', JSON.stringify(sortKeys(parsed)));
    add('JSON with ", " and ": " separators', JSON.stringify(parsed).replace(/,"/g, ', "').replace(/":/g, '": '));
  } catch {
    // Not JSON: only the line-ending variants apply.
  }
  if (text.endsWith('\n')) add('without the trailing newline', text.replace(/\r?\n$/, ''));
  else add('with a trailing newline', text + '\n');
  if (text.includes('\r\n')) add('with LF line endings instead of CRLF', text.replace(/\r\n/g, '\n'));
  else if (text.includes('\n')) add('with CRLF line endings instead of LF', text.replace(/\n/g, '\r\n'));
  return out;
}

export function bodyTrials(body: Buffer, matches: (variant: Buffer) => boolean): Trial[] {
  return bodyVariants(body).map((v) => ({
    cause: `body re-serialised: the signature matches the body as ${v.label}; the bytes received differ from the bytes signed (a proxy or the sender's framework re-formatted it)`,
    test: () => matches(v.body),
  }));
}

/** '+' ↔ '%20' swaps in a raw URL or query: the classic space-encoding disagreement. */
export function spaceEncodingVariants(raw: string): Array<{ label: string; value: string }> {
  const out: Array<{ label: string; value: string }> = [];
  if (raw.includes('+')) out.push({ label: "spaces as '%20' instead of '+'", value: raw.replace(/\+/g, '%20') });
  if (/%20/i.test(raw)) out.push({ label: "spaces as '+' instead of '%20'", value: raw.replace(/%20/gi, '+') });
  return out;
}

export function plusCause(label: string): string {
  return `'+' vs '%20': the signature matches with ${label}; sender and receiver disagree on how a space is encoded`;
}

export const NO_CAUSE_FOUND =
  'signature mismatch: no usual mistake reproduces it (secret encodings, body re-serialisation, space encoding, parameter order were tried) — most likely a different secret or a different canonical message';
