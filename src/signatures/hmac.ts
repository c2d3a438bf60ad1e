/**
 * Generic HMAC scheme (md5/sha1/sha256/sha512) over a declared canonical message.
 * `createHmacScheme` is also what the GitHub, Shopify, ayeT and BitLabs presets use,
 * so every preset gets the same verification, signing and diagnosis.
 */
import { decodeSecret, encodeDigest } from './encoding.js';
import { computeHmac, requireSharedSecret, resolveHmacOptions } from './hmac-core.js';
import type { HmacOptions, TimestampSpec } from './hmac-core.js';
import { HMAC_DEFAULTS } from './hmac-core.js';
import { explainHmac } from './hmac-explain.js';
import { applySignature, describePlacement, locateSignature } from './placement.js';
import { fromDraft, lookupField } from './request.js';
import { SignatureConfigError } from './types.js';
import type { CapturedRequest, Scheme, Verdict, VerifyInput } from './types.js';
import { checkDigest, hexCaseNote, makeVerdict, nowSeconds, skewCause } from './verdict.js';

export type { HmacOptions, TimestampSpec } from './hmac-core.js';
export { HMAC_DEFAULTS } from './hmac-core.js';

function timestampProblem(req: CapturedRequest, spec: TimestampSpec, now: number): string | null {
  const raw = lookupField(req, spec.field);
  if (raw === undefined) return `timestamp missing: no ${spec.field}`;
  const n = Number(raw);
  if (!Number.isFinite(n)) return `timestamp ${JSON.stringify(raw)} is not a number`;
  return skewCause(spec.unit === 'ms' ? Math.floor(n / 1000) : n, now, spec.toleranceSec);
}

export function verifyHmacWith(id: string, defaults: HmacOptions, input: VerifyInput<HmacOptions>): Verdict {
  const o = resolveHmacOptions(defaults, input.options);
  const key = requireSharedSecret(input.key, id);
  const secret = decodeSecret(key.secret, key.secretEncoding);
  const given = locateSignature(input.request, o.signature);
  if (!secret) {
    const cause = `secret is not valid ${key.secretEncoding}`;
    return makeVerdict({ scheme: id, valid: false, canonical: '', expected: null, given, cause, details: [] });
  }
  const { msg, digest } = computeHmac(input.request, o, secret, key.secret);
  const details = [`HMAC-${o.algorithm.toUpperCase()} of the ${o.message.kind} message, ${o.output} output`, ...msg.notes];
  const expected = o.prefix + encodeDigest(digest, o.output);
  const base = { scheme: id, canonical: msg.text, expected, given, details, caseInsensitive: o.output === 'hex' };
  if (given === null) {
    return makeVerdict({ ...base, valid: false, cause: `signature missing: no ${describePlacement(o.signature)}` });
  }
  const check = checkDigest(given, digest, o.output, o.prefix);
  details.push(...check.notes);
  let cause = check.ok ? null : check.problem ?? 'signature mismatch';
  if (o.timestamp) {
    const ts = timestampProblem(input.request, o.timestamp, nowSeconds(input.now));
    if (ts && check.ok) cause = ts;
    else if (ts) details.push(ts);
  }
  const note = check.ok && o.output === 'hex' ? hexCaseNote(given, expected) : null;
  return makeVerdict({ ...base, valid: cause === null, cause, note });
}

export function createHmacScheme(id: string, label: string, sources: string[], defaults: HmacOptions): Scheme<HmacOptions> {
  return {
    id,
    label,
    sources,
    defaults,
    verify: (input) => verifyHmacWith(id, defaults, input),
    explain(input) {
      const verdict = verifyHmacWith(id, defaults, input);
      if (verdict.valid || verdict.given === null || !verdict.expected || verdict.cause?.startsWith('clock skew')) return verdict;
      const o = resolveHmacOptions(defaults, input.options);
      const key = requireSharedSecret(input.key, id);
      return { ...verdict, cause: explainHmac(input.request, o, key, verdict.given) };
    },
    sign(input) {
      const o = resolveHmacOptions(defaults, input.options);
      const key = requireSharedSecret(input.key, id);
      const secret = decodeSecret(key.secret, key.secretEncoding);
      if (!secret) throw new SignatureConfigError(`secret is not valid ${key.secretEncoding}`);
      const req = fromDraft(input.request);
      const { msg, digest } = computeHmac(req, o, secret, key.secret);
      const value = o.prefix + encodeDigest(digest, o.output);
      return { value, placement: o.signature, canonical: msg.text, ...applySignature(req, o.signature, value) };
    },
  };
}

/** The fully declarative scheme: every aspect comes from the options. */
export const hmacScheme = createHmacScheme('hmac', 'Generic HMAC', [], HMAC_DEFAULTS);
