/**
 * SKAdNetwork install-validation postbacks (1.0 … 4.0): JSON body, ECDSA-SHA256 signature
 * (base64 DER) in `attribution-signature` over the version's fields joined with U+2063,
 * verified against Apple's built-in keys (P-192 for 1.0/2.0, P-256 from 2.1).
 * A supplied public key replaces Apple's (for postbacks you signed yourself in tests).
 */
import { sign as ecSign, verify as ecVerify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { APPLE_SKAN_P192, APPLE_SKAN_P256 } from './apple-keys.js';
import { privateKeyFrom, publicKeyFrom } from './ec-keys.js';
import { firstCause } from './diagnose.js';
import type { Trial } from './diagnose.js';
import { applySignature } from './placement.js';
import { fromDraft, jsonBody } from './request.js';
import { detectVersion, SKAN_VERSIONS, skanCanonical, skanCurve } from './skadnetwork-fields.js';
import type { SkanVersion } from './skadnetwork-fields.js';
import { SignatureConfigError } from './types.js';
import type { KeyMaterial, Scheme, Trust, Verdict, VerifyInput } from './types.js';
import { makeVerdict } from './verdict.js';

export interface SkadnetworkOptions {
  /** Force a version instead of reading the body's `version` field. */
  version: SkanVersion | null;
}

const DEFAULTS: SkadnetworkOptions = { version: null };
const ID = 'skadnetwork';
const SIGNATURE_FIELD = 'attribution-signature';

function appleKey(v: SkanVersion): KeyObject {
  return publicKeyFrom(skanCurve(v) === 'P-192' ? APPLE_SKAN_P192 : APPLE_SKAN_P256);
}

function keyFor(v: SkanVersion, key: KeyMaterial | null | undefined): { key: KeyObject; trust: Trust; label: string } {
  if (key && 'publicKey' in key) return { key: publicKeyFrom(key.publicKey), trust: 'custom-key', label: 'the supplied public key' };
  return { key: appleKey(v), trust: 'production', label: `Apple's ${skanCurve(v)} key` };
}

/** ECDSA check that never throws: malformed DER is simply not a valid signature. */
export function ecdsaOk(message: string, key: KeyObject, sigB64: string): boolean {
  try {
    return ecVerify('sha256', Buffer.from(message, 'utf8'), key, Buffer.from(sigB64, 'base64'));
  } catch {
    return false;
  }
}

function asObject(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function verifySkan(input: VerifyInput<SkadnetworkOptions>): Verdict {
  const o = { ...DEFAULTS, ...(input.options ?? {}) };
  const body = asObject(jsonBody(input.request));
  const fail = (cause: string, canonical = '', given: string | null = null, details: string[] = []) =>
    makeVerdict({ scheme: ID, valid: false, canonical, expected: null, given, cause, details });
  if (!body) return fail('body is not a JSON object: SKAdNetwork postbacks are JSON');
  const given = typeof body[SIGNATURE_FIELD] === 'string' ? (body[SIGNATURE_FIELD] as string) : null;
  const version = o.version ?? detectVersion(body);
  if (!version) return fail(`unknown SKAdNetwork version ${JSON.stringify(body['version'])}: no field order to rebuild`, '', given);
  const c = skanCanonical(body, version);
  const k = keyFor(version, input.key);
  const details = [
    `version ${version}: fields joined with U+2063, checked with ${k.label}`,
    `not covered by the signature: ${c.unsigned.join(', ') || 'none'}`,
  ];
  if (c.missing.length) return fail(`missing required field(s) for version ${version}: ${c.missing.join(', ')}`, c.text, given, details);
  if (c.smuggled.length) return fail(`field(s) ${c.smuggled.join(', ')} contain U+2063, which would shift field boundaries`, c.text, given, details);
  if (given === null) return fail(`signature missing: no ${SIGNATURE_FIELD} field`, c.text, null, details);
  const valid = ecdsaOk(c.text, k.key, given);
  return makeVerdict({ scheme: ID, valid, canonical: c.text, expected: null, given, cause: valid ? null : 'signature mismatch', details, trust: valid ? k.trust : undefined });
}

/** Re-reads booleans that a proxy turned into 1/0 (Apple signs 'true'/'false'). */
function numbersAsBooleans(body: Record<string, unknown>): Record<string, unknown> {
  const out = { ...body };
  for (const f of ['redownload', 'did-win']) if (out[f] === 1 || out[f] === 0) out[f] = out[f] === 1;
  return out;
}

function explainSkan(input: VerifyInput<SkadnetworkOptions>): Verdict {
  const verdict = verifySkan(input);
  if (verdict.valid || verdict.cause !== 'signature mismatch' || verdict.given === null) return verdict;
  const body = asObject(jsonBody(input.request)) ?? {};
  const declared = detectVersion(body);
  const given = verdict.given;
  const custom = input.key && 'publicKey' in input.key ? publicKeyFrom(input.key.publicKey) : null;
  const trials: Trial[] = [];
  const used = input.options?.version ?? declared;
  for (const v of SKAN_VERSIONS.filter((x) => x !== used)) {
    const c = skanCanonical(body, v);
    if (c.missing.length) continue;
    trials.push({
      cause: `wrong SKAdNetwork version field order: the signature matches the ${v} field order, not the ${used} order (the postback's version field says ${JSON.stringify(body['version'] ?? null)})`,
      test: () => ecdsaOk(c.text, custom ?? appleKey(v), given),
    });
  }
  const fixed = numbersAsBooleans(body);
  const v = declared ?? '4.0';
  trials.push({
    cause: "booleans re-serialised: the signature matches with redownload/did-win as 'true'/'false', but the body carries 1/0",
    test: () => ecdsaOk(skanCanonical(fixed, v).text, custom ?? appleKey(v), given),
  });
  if (!custom) {
    const other = skanCurve(v) === 'P-256' ? APPLE_SKAN_P192 : APPLE_SKAN_P256;
    trials.push({ cause: `key/version mismatch: the signature verifies with Apple's other (${skanCurve(v) === 'P-256' ? 'P-192' : 'P-256'}) key`, test: () => ecdsaOk(verdict.canonical, publicKeyFrom(other), given) });
  }
  const cause = firstCause(trials) ?? 'signature mismatch: a signed field was changed after signing, or it was not signed by this key';
  return { ...verdict, cause };
}

export const skadnetworkScheme: Scheme<SkadnetworkOptions> = {
  id: ID,
  label: 'Apple SKAdNetwork postback (1.0–4.0)',
  sources: [
    'https://developer.apple.com/documentation/storekit/verifying-an-install-validation-postback',
    'https://developer.apple.com/documentation/storekit/combining-parameters-for-skadnetwork-3-postbacks',
    'https://developer.apple.com/documentation/storekit/combining-parameters-for-previous-skadnetwork-postback-versions',
  ],
  defaults: DEFAULTS,
  verify: verifySkan,
  explain: explainSkan,
  /** Signs a test postback with your own EC private key (Apple's cannot be had). */
  sign(input) {
    const o = { ...DEFAULTS, ...(input.options ?? {}) };
    if (!('privateKey' in input.key)) throw new SignatureConfigError('skadnetwork signing needs { privateKey } (PEM or JWK)');
    const req = fromDraft(input.request);
    const body = asObject(jsonBody(req));
    if (!body) throw new SignatureConfigError('the draft body must be the postback JSON object');
    const version = o.version ?? detectVersion(body);
    if (!version) throw new SignatureConfigError(`unknown SKAdNetwork version ${JSON.stringify(body['version'])}`);
    const c = skanCanonical(body, version);
    if (c.missing.length) throw new SignatureConfigError(`missing required field(s): ${c.missing.join(', ')}`);
    const value = ecSign('sha256', Buffer.from(c.text, 'utf8'), privateKeyFrom(input.key.privateKey)).toString('base64');
    const placement = { in: 'body', field: SIGNATURE_FIELD } as const;
    return { value, placement, canonical: c.text, ...applySignature(req, placement, value) };
  },
};
