/**
 * Plain hash of a concatenation, offerwall style: md5(a:b:c:secret), sha1(token+user+amount…).
 * Not an HMAC — the secret is just one more piece of the string — so field order,
 * separator and the secret's position are all part of the declared options.
 * `createConcatHashScheme` is reused by the Tapjoy, ironSource, Fyber and CPX presets.
 */
import { decodeSecret, encodeDigest, hash } from './encoding.js';
import { buildConcat, resolveConcatOptions } from './concat-core.js';
import type { ConcatHashOptions } from './concat-core.js';
import { CONCAT_DEFAULTS } from './concat-core.js';
import { explainConcat } from './concat-explain.js';
import { requireSharedSecret } from './hmac-core.js';
import { applySignature, describePlacement, locateSignature } from './placement.js';
import { fromDraft } from './request.js';
import { SignatureConfigError } from './types.js';
import type { Scheme, Verdict, VerifyInput } from './types.js';
import { checkDigest, hexCaseNote, makeVerdict } from './verdict.js';

export type { ConcatHashOptions } from './concat-core.js';
export { CONCAT_DEFAULTS } from './concat-core.js';

export function verifyConcatWith(id: string, defaults: ConcatHashOptions, input: VerifyInput<ConcatHashOptions>): Verdict {
  const o = resolveConcatOptions(defaults, input.options);
  const key = requireSharedSecret(input.key, id);
  const secret = decodeSecret(key.secret, key.secretEncoding);
  const given = locateSignature(input.request, o.signature);
  if (!secret) return makeVerdict({ scheme: id, valid: false, canonical: '', expected: null, given, cause: `secret is not valid ${key.secretEncoding}`, details: [] });
  const msg = buildConcat(input.request, o, secret);
  const digest = hash(o.algorithm, msg.bytes);
  const expected = encodeDigest(digest, o.output);
  const details = [`${o.algorithm}(${o.fields.join(` ${JSON.stringify(o.separator)} `)}) with the secret at the ${o.secretPosition}`, ...msg.notes];
  const shown = o.uppercase ? expected.toUpperCase() : expected;
  const base = { scheme: id, canonical: msg.text, expected: shown, given, details, caseInsensitive: o.output === 'hex' };
  if (given === null) return makeVerdict({ ...base, valid: false, cause: `signature missing: no ${describePlacement(o.signature)}` });
  const check = checkDigest(given, digest, o.output, '');
  if (!(o.uppercase && o.output === 'hex')) details.push(...check.notes);
  const note = check.ok && o.output === 'hex' ? hexCaseNote(given, shown) : null;
  return makeVerdict({ ...base, valid: check.ok, cause: check.ok ? null : check.problem ?? 'signature mismatch', note });
}

export function createConcatHashScheme(id: string, label: string, sources: string[], defaults: ConcatHashOptions): Scheme<ConcatHashOptions> {
  return {
    id,
    label,
    sources,
    defaults,
    verify: (input) => verifyConcatWith(id, defaults, input),
    explain(input) {
      const verdict = verifyConcatWith(id, defaults, input);
      if (verdict.valid || verdict.given === null || !verdict.expected) return verdict;
      const o = resolveConcatOptions(defaults, input.options);
      return { ...verdict, cause: explainConcat(input.request, o, requireSharedSecret(input.key, id), verdict.given) };
    },
    sign(input) {
      const o = resolveConcatOptions(defaults, input.options);
      const key = requireSharedSecret(input.key, id);
      const secret = decodeSecret(key.secret, key.secretEncoding);
      if (!secret) throw new SignatureConfigError(`secret is not valid ${key.secretEncoding}`);
      const req = fromDraft(input.request);
      const msg = buildConcat(req, o, secret);
      const encoded = encodeDigest(hash(o.algorithm, msg.bytes), o.output);
      const value = o.uppercase ? encoded.toUpperCase() : encoded;
      return { value, placement: o.signature, canonical: msg.text, ...applySignature(req, o.signature, value) };
    },
  };
}

export const concatHashScheme = createConcatHashScheme('concat-hash', 'Hash of concatenated fields', [], CONCAT_DEFAULTS);
