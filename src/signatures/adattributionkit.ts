/**
 * AdAttributionKit postbacks: JSON body { "jws-string": <compact JWS>, …unsigned fields }.
 * The JWS is ES256: ECDSA P-256/SHA-256 over `header.payload` (the segments as received),
 * signature raw R||S (64 bytes, base64url) — verified with dsaEncoding 'ieee-p1363'.
 * The key is chosen by `kid` only; the header's `alg` never chooses the algorithm
 * (anything but ES256 is refused). Development-key signatures verify but are marked
 * untrusted: any device in Developer Mode can mint them.
 * Source: https://developer.apple.com/documentation/adattributionkit/verifying-a-postback
 *         https://developer.apple.com/documentation/adattributionkit/identifying-the-parameters-in-a-postback
 */
import { sign as ecSign, verify as ecVerify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { APPLE_AAK_KEYS } from './apple-keys.js';
import { firstCause } from './diagnose.js';
import type { Trial } from './diagnose.js';
import { privateKeyFrom, publicKeyFrom } from './ec-keys.js';
import { fromDraft, jsonBody } from './request.js';
import { SignatureConfigError } from './types.js';
import type { Scheme, Trust, Verdict, VerifyInput } from './types.js';
import { makeVerdict } from './verdict.js';

export interface AdAttributionKitOptions {
  /** Body fields kept outside the JWS when signing a test postback. */
  unsignedFields: string[];
  /** kid written into the header when signing. */
  kid: string;
}

const DEFAULTS: AdAttributionKitOptions = {
  unsignedFields: ['conversion-value', 'coarse-conversion-value', 'ad-interaction-type', 'country-code'],
  kid: 'test-key/0',
};
const ID = 'adattributionkit';
const JWS_FIELD = 'jws-string';

interface ParsedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
  sigText: string;
}

function parseJws(jws: string): ParsedJws | string {
  const parts = jws.trim().split('.');
  if (parts.length !== 3) return `not a compact JWS: ${parts.length} segment(s) instead of 3`;
  const [h, p, s] = parts as [string, string, string];
  try {
    const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url'), sigText: s };
  } catch {
    return 'JWS header or payload is not base64url JSON';
  }
}

function es256Ok(signingInput: string, key: KeyObject, sig: Buffer, encoding: 'ieee-p1363' | 'der' = 'ieee-p1363'): boolean {
  try {
    return ecVerify('sha256', Buffer.from(signingInput, 'utf8'), { key, dsaEncoding: encoding }, sig);
  } catch {
    return false;
  }
}

/** The JWS text: the body's jws-string field, or a bare compact JWS body. */
function extract(input: VerifyInput<AdAttributionKitOptions>): { jws: string | null; unsigned: string[] } {
  const body = jsonBody(input.request);
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const obj = body as Record<string, unknown>;
    const jws = typeof obj[JWS_FIELD] === 'string' ? (obj[JWS_FIELD] as string) : null;
    return { jws, unsigned: Object.keys(obj).filter((k) => k !== JWS_FIELD) };
  }
  const text = input.request.body.toString('utf8').trim();
  return { jws: /^[\w-]+\.[\w-]+\.[\w-]+$/.test(text) ? text : null, unsigned: [] };
}

function verifyAak(input: VerifyInput<AdAttributionKitOptions>): Verdict {
  const { jws, unsigned } = extract(input);
  const fail = (cause: string, canonical = '', details: string[] = []) =>
    makeVerdict({ scheme: ID, valid: false, canonical, expected: null, given: jws, cause, details });
  if (jws === null) return fail(`no ${JWS_FIELD} in the body`);
  const parsed = parseJws(jws);
  if (typeof parsed === 'string') return fail(parsed);
  const kid = typeof parsed.header['kid'] === 'string' ? (parsed.header['kid'] as string) : '';
  const details = [
    `header: ${JSON.stringify(parsed.header)}`,
    `signed fields: ${Object.keys(parsed.payload).join(', ')}`,
    `unsigned fields (outside the JWS, not covered by the signature): ${unsigned.join(', ') || 'none'}`,
  ];
  if (parsed.header['alg'] !== 'ES256') return fail(`alg ${JSON.stringify(parsed.header['alg'])} refused: AdAttributionKit postbacks are ES256`, parsed.signingInput, details);
  let key: KeyObject;
  let trust: Trust;
  const apple = APPLE_AAK_KEYS[kid];
  if (input.key && 'publicKey' in input.key) {
    key = publicKeyFrom(input.key.publicKey);
    trust = 'custom-key';
    details.push(`checked with the supplied public key (kid ${kid || 'absent'})`);
  } else if (apple) {
    key = publicKeyFrom(apple.der);
    trust = apple.environment;
    details.push(`checked with Apple's ${kid} key (${apple.note})`);
  } else {
    return fail(`unknown kid ${JSON.stringify(kid)}: not one of Apple's published keys; supply the public key (PEM or JWK) to verify it`, parsed.signingInput, details);
  }
  const valid = es256Ok(parsed.signingInput, key, parsed.signature);
  if (valid && trust === 'development') details.push('UNTRUSTED: signed with an Apple development key — any device in Developer Mode can produce this postback');
  return makeVerdict({ scheme: ID, valid, canonical: parsed.signingInput, expected: null, given: jws, cause: valid ? null : 'signature mismatch', details, trust: valid ? trust : undefined });
}

function explainAak(input: VerifyInput<AdAttributionKitOptions>): Verdict {
  const verdict = verifyAak(input);
  if (verdict.valid || verdict.cause !== 'signature mismatch' || verdict.given === null) return verdict;
  const parsed = parseJws(verdict.given);
  if (typeof parsed === 'string') return verdict;
  const kid = String(parsed.header['kid'] ?? '');
  const trials: Trial[] = Object.entries(APPLE_AAK_KEYS)
    .filter(([k]) => k !== kid)
    .map(([k, v]) => ({ cause: `kid mismatch: the signature verifies with Apple's ${k} key, but the header names ${JSON.stringify(kid)}`, test: () => es256Ok(parsed.signingInput, publicKeyFrom(v.der), parsed.signature) }));
  const own = input.key && 'publicKey' in input.key ? publicKeyFrom(input.key.publicKey) : APPLE_AAK_KEYS[kid] ? publicKeyFrom(APPLE_AAK_KEYS[kid].der) : null;
  if (own) {
    trials.push({ cause: 'signature encoding: the signature is DER; a JWS ES256 signature must be the raw 64-byte R||S', test: () => es256Ok(parsed.signingInput, own, parsed.signature, 'der') });
  }
  return { ...verdict, cause: firstCause(trials) ?? 'signature mismatch: the header or payload segment was altered after signing, or another key signed it' };
}

export const adAttributionKitScheme: Scheme<AdAttributionKitOptions> = {
  id: ID,
  label: 'Apple AdAttributionKit postback (JWS ES256)',
  sources: ['https://developer.apple.com/documentation/adattributionkit/verifying-a-postback'],
  defaults: DEFAULTS,
  verify: verifyAak,
  explain: explainAak,
  /** Builds a test postback signed with your own P-256 key; the draft body holds the claims. */
  sign(input) {
    const o = { ...DEFAULTS, ...(input.options ?? {}) };
    if (!('privateKey' in input.key)) throw new SignatureConfigError('adattributionkit signing needs { privateKey } (PEM or JWK, P-256)');
    const req = fromDraft(input.request);
    const body = jsonBody(req);
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new SignatureConfigError('the draft body must be a JSON object of postback fields');
    const fields = body as Record<string, unknown>;
    const claims = Object.fromEntries(Object.entries(fields).filter(([k]) => !o.unsignedFields.includes(k)));
    const outside = Object.fromEntries(Object.entries(fields).filter(([k]) => o.unsignedFields.includes(k)));
    const seg = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
    const signingInput = `${seg({ kid: o.kid, alg: 'ES256' })}.${seg(claims)}`;
    const sig = ecSign('sha256', Buffer.from(signingInput, 'utf8'), { key: privateKeyFrom(input.key.privateKey), dsaEncoding: 'ieee-p1363' });
    const value = `${signingInput}.${sig.toString('base64url')}`;
    const out = Buffer.from(JSON.stringify({ [JWS_FIELD]: value, ...outside }), 'utf8');
    return { value, placement: { in: 'body', field: JWS_FIELD }, canonical: signingInput, headers: [], url: req.url, body: out };
  },
};
