/**
 * Standard Webhooks: headers webhook-id, webhook-timestamp, webhook-signature.
 * Signed content `${id}.${timestamp}.${raw body}`; the signature header holds space-separated
 * `<version>,<base64>` entries (rotation) and any may match:
 *  - v1: HMAC-SHA256 with the secret 'whsec_' + base64 of the key bytes (this file);
 *  - v1a: ed25519, verified with the sender's 'whpk_' public key (standard-webhooks-v1a.ts).
 * The key material picks the kind: a public key (or a whpk_/whsk_ text) → v1a, a secret → v1.
 * Svix sends the same scheme under 'svix-' header names, so by default both prefixes are looked up.
 * Source: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 *   (reference test vector: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw / msg_p5jXN8AQM9LWM0D4loKWxJek)
 */
import { createPublicKey, randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { decodeSecret, hmac, safeEqual } from '../encoding.js';
import { bodyTrials, firstCause, NO_CAUSE_FOUND } from '../diagnose.js';
import type { Trial } from '../diagnose.js';
import { isStandardWebhooksKey } from '../ed25519-keys.js';
import { privateKeyFrom, publicKeyFrom } from '../ec-keys.js';
import { headerValue } from '../../http/headers.js';
import { fromDraft } from '../request.js';
import { SignatureConfigError } from '../types.js';
import type { KeyMaterial, Scheme, SharedSecret, Verdict, VerifyInput } from '../types.js';
import { makeVerdict, nowSeconds } from '../verdict.js';
import { readStdHeaders, signaturesOf, signedContent, STD_DEFAULTS, STD_ID, stdSkew, versionsIn } from './standard-webhooks-core.js';
import type { StandardWebhooksOptions } from './standard-webhooks-core.js';
import { explainV1a, signV1a, verifyV1a } from './standard-webhooks-v1a.js';

export type { StandardWebhooksOptions } from './standard-webhooks-core.js';

/** 'whsec_<base64>' → key bytes (the spec); other secrets follow their declared encoding. */
export function standardWebhooksKey(key: SharedSecret): Buffer | null {
  if (key.secret.startsWith('whsec_')) return decodeSecret(key.secret.slice(6), 'base64');
  return decodeSecret(key.secret, key.secretEncoding);
}

type StdKey = { kind: 'v1'; secret: SharedSecret } | { kind: 'v1a'; publicKey: KeyObject; privateKey: KeyObject | null };

function ed25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new SignatureConfigError(`standard-webhooks v1a needs an ed25519 key (got ${key.asymmetricKeyType ?? 'an unknown key type'})`);
  return key;
}

/** Which signature kind the key material is for; a whpk_/whsk_ pasted as a "secret" counts as the key it is. */
function resolveKey(key: KeyMaterial | null | undefined): StdKey {
  if (!key) throw new SignatureConfigError("standard-webhooks needs a whsec_ secret (v1) or the sender's whpk_ public key (v1a)");
  const text = 'secret' in key ? key.secret : 'publicKey' in key ? key.publicKey : key.privateKey;
  if ('secret' in key && !isStandardWebhooksKey(text)) return { kind: 'v1', secret: key };
  const isPrivate = 'privateKey' in key || text.trim().startsWith('whsk_');
  if (isPrivate) {
    const privateKey = ed25519(privateKeyFrom(text));
    return { kind: 'v1a', publicKey: createPublicKey(privateKey), privateKey };
  }
  return { kind: 'v1a', publicKey: ed25519(publicKeyFrom(text)), privateKey: null };
}

function anyMatch(sigHeader: string, digest: Buffer): boolean {
  let ok = false;
  for (const sig of signaturesOf(sigHeader, 'v1')) if (safeEqual(digest, sig)) ok = true;
  return ok;
}

function verifyV1(input: VerifyInput<StandardWebhooksOptions>, key: SharedSecret): Verdict {
  const o = { ...STD_DEFAULTS, ...(input.options ?? {}) };
  const h = readStdHeaders(input.request, o.headerPrefix);
  const base = { scheme: STD_ID, canonical: '', expected: null, given: h.sig, details: [] as string[] };
  if (h.sig === null) return makeVerdict({ ...base, valid: false, cause: `signature missing: no ${h.prefix}signature header` });
  if (h.id === null || h.ts === null) return makeVerdict({ ...base, valid: false, cause: `missing ${h.id === null ? `${h.prefix}id` : `${h.prefix}timestamp`} header` });
  const secret = standardWebhooksKey(key);
  if (!secret) return makeVerdict({ ...base, valid: false, cause: "secret is not 'whsec_' + base64 nor valid in its declared encoding" });
  const digest = hmac('sha256', secret, signedContent(h.id, h.ts, input.request.body));
  const details = [`signed content = ${h.prefix}id + '.' + ${h.prefix}timestamp + '.' + raw body`];
  const entries = h.sig.split(' ').filter(Boolean);
  details.push(`${entries.length} signature(s) in the header${entries.some((e) => !e.startsWith('v1,')) ? '; non-v1 entries ignored' : ''}`);
  const matched = anyMatch(h.sig, digest);
  const onlyV1a = signaturesOf(h.sig, 'v1').length === 0 && versionsIn(h.sig).includes('v1a');
  let cause: string | null = matched
    ? null
    : onlyV1a
      ? 'no v1 signature: the header carries only v1a (ed25519) signatures — verify with the sender’s whpk_ public key, not a whsec_ secret'
      : 'signature mismatch';
  const skew = stdSkew(h.ts, o, nowSeconds(input.now));
  if (skew && matched) cause = skew;
  else if (skew) details.push(skew);
  const canonical = `${h.id}.${h.ts}.${input.request.body.toString('utf8')}`;
  return makeVerdict({ ...base, canonical, expected: `v1,${digest.toString('base64')}`, details, valid: cause === null, cause });
}

function explainV1(input: VerifyInput<StandardWebhooksOptions>, key: SharedSecret, verdict: Verdict): Verdict {
  if (verdict.valid || verdict.cause !== 'signature mismatch' || verdict.given === null) return verdict;
  const o = { ...STD_DEFAULTS, ...(input.options ?? {}) };
  const req = input.request;
  const h = readStdHeaders(req, o.headerPrefix);
  const ok = (s: Buffer, body: Buffer) => anyMatch(verdict.given ?? '', hmac('sha256', s, signedContent(h.id ?? '', h.ts ?? '', body)));
  const secret = standardWebhooksKey(key) ?? Buffer.alloc(0);
  const trials: Trial[] = [
    { cause: "wrong secret encoding: the signature matches the whole secret string used as UTF-8 text (the 'whsec_' base64 part must be decoded)", test: () => ok(Buffer.from(key.secret, 'utf8'), req.body) },
    { cause: "wrong secret encoding: the signature matches the text after 'whsec_' used as UTF-8, not base64-decoded", test: () => ok(Buffer.from(key.secret.replace(/^whsec_/, ''), 'utf8'), req.body) },
    ...bodyTrials(req.body, (b) => ok(secret, b)),
  ];
  return { ...verdict, cause: firstCause(trials) ?? NO_CAUSE_FOUND };
}

function verifyStd(input: VerifyInput<StandardWebhooksOptions>): Verdict {
  const key = resolveKey(input.key);
  return key.kind === 'v1' ? verifyV1(input, key.secret) : verifyV1a(input, key.publicKey);
}

function explainStd(input: VerifyInput<StandardWebhooksOptions>): Verdict {
  const key = resolveKey(input.key);
  return key.kind === 'v1' ? explainV1(input, key.secret, verifyV1(input, key.secret)) : explainV1a(input, key.publicKey, verifyV1a(input, key.publicKey));
}

export const standardWebhooksScheme: Scheme<StandardWebhooksOptions> = {
  id: STD_ID,
  label: 'Standard Webhooks (webhook-id / webhook-timestamp / webhook-signature)',
  sources: ['https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md', 'https://www.standardwebhooks.com/'],
  defaults: STD_DEFAULTS,
  verify: verifyStd,
  explain: explainStd,
  sign(input) {
    const key = resolveKey(input.key);
    if (key.kind === 'v1a') {
      if (!key.privateKey) throw new SignatureConfigError('signing v1a needs the ed25519 private key (whsk_), not the public key');
      return signV1a(input, key.privateKey);
    }
    const o = { ...STD_DEFAULTS, ...(input.options ?? {}) };
    const prefix = o.headerPrefix ?? 'webhook-';
    const secret = standardWebhooksKey(key.secret);
    if (!secret) throw new SignatureConfigError("secret is not 'whsec_' + base64 nor valid in its declared encoding");
    const req = fromDraft(input.request);
    const id = o.msgId ?? headerValue(req.rawHeaders, `${prefix}id`) ?? `msg_${randomUUID().replace(/-/g, '')}`;
    const ts = String(nowSeconds(input.now));
    const value = `v1,${hmac('sha256', secret, signedContent(id, ts, req.body)).toString('base64')}`;
    const name = `${prefix}signature`;
    return {
      value,
      placement: { in: 'header', name },
      canonical: `${id}.${ts}.${req.body.toString('utf8')}`,
      headers: [[`${prefix}id`, id], [`${prefix}timestamp`, ts], [name, value]],
      url: req.url,
    };
  },
};
