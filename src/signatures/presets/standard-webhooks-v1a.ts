/**
 * Standard Webhooks asymmetric signatures: `v1a,<base64 ed25519 signature>` entries in
 * webhook-signature, over the same `${id}.${timestamp}.${raw body}` as v1, verified with the
 * sender's public key (`whpk_` + base64). Node's crypto does ed25519 natively (no dependency).
 * Source: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 *   ("Signature scheme" table: Asymmetric = ed25519, whsk_/whpk_, identifier v1a; example header
 *   `webhook-signature: v1,K5oZ… v1a,hnO3f9T8…==`).
 */
import { randomUUID, sign as edSign, verify as edVerify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { headerValue } from '../../http/headers.js';
import { bodyVariants, firstCause } from '../diagnose.js';
import { fromDraft } from '../request.js';
import type { SignInput, SignResult, Verdict, VerifyInput } from '../types.js';
import { makeVerdict, nowSeconds } from '../verdict.js';
import { readStdHeaders, signaturesOf, signedContent, STD_DEFAULTS, STD_ID, stdSkew, versionsIn } from './standard-webhooks-core.js';
import type { StandardWebhooksOptions } from './standard-webhooks-core.js';

/** ed25519 signatures are 64 bytes; anything else cannot verify (and crypto.verify would just say false). */
function anyVerifies(signatures: Buffer[], message: Buffer, key: KeyObject): boolean {
  return signatures.some((s) => s.length === 64 && edVerify(null, message, key, s));
}

export function verifyV1a(input: VerifyInput<StandardWebhooksOptions>, key: KeyObject): Verdict {
  const o = { ...STD_DEFAULTS, ...(input.options ?? {}) };
  const h = readStdHeaders(input.request, o.headerPrefix);
  const base = { scheme: STD_ID, canonical: '', expected: null, given: h.sig, details: [] as string[] };
  if (h.sig === null) return makeVerdict({ ...base, valid: false, cause: `signature missing: no ${h.prefix}signature header` });
  if (h.id === null || h.ts === null) return makeVerdict({ ...base, valid: false, cause: `missing ${h.id === null ? `${h.prefix}id` : `${h.prefix}timestamp`} header` });
  const signatures = signaturesOf(h.sig, 'v1a');
  const details = [
    `ed25519 (v1a) over ${h.prefix}id + '.' + ${h.prefix}timestamp + '.' + raw body, checked against the public key`,
    `${signatures.length} v1a signature(s) in the header${versionsIn(h.sig).some((v) => v !== 'v1a') ? '; other versions ignored' : ''}`,
  ];
  const canonical = `${h.id}.${h.ts}.${input.request.body.toString('utf8')}`;
  const matched = anyVerifies(signatures, signedContent(h.id, h.ts, input.request.body), key);
  let cause: string | null = matched ? null : signatures.length === 0 ? noV1aCause(h.sig) : 'signature mismatch';
  const skew = stdSkew(h.ts, o, nowSeconds(input.now));
  if (skew && matched) cause = skew;
  else if (skew) details.push(skew);
  return makeVerdict({ ...base, canonical, details, valid: cause === null, cause });
}

function noV1aCause(sigHeader: string): string {
  return versionsIn(sigHeader).includes('v1')
    ? 'no v1a signature: the header carries only v1 (HMAC-SHA256) signatures — verify with the sender’s whsec_ secret, not a public key'
    : 'no v1a signature in the header';
}

/** A public key cannot rebuild a signature, so the trials are limited to what was signed: the body. */
export function explainV1a(input: VerifyInput<StandardWebhooksOptions>, key: KeyObject, verdict: Verdict): Verdict {
  if (verdict.valid || verdict.cause !== 'signature mismatch' || verdict.given === null) return verdict;
  const o = { ...STD_DEFAULTS, ...(input.options ?? {}) };
  const h = readStdHeaders(input.request, o.headerPrefix);
  const signatures = signaturesOf(verdict.given, 'v1a');
  const trials = bodyVariants(input.request.body).map((v) => ({
    cause: `body re-serialised: the v1a signature verifies over the body as ${v.label}; the bytes received differ from the bytes signed`,
    test: () => anyVerifies(signatures, signedContent(h.id ?? '', h.ts ?? '', v.body), key),
  }));
  const cause =
    firstCause(trials) ??
    'signature mismatch: no v1a signature verifies with this public key — a different key pair (is the whpk_ the sender’s current one?) or a changed id, timestamp or body';
  return { ...verdict, cause };
}

export function signV1a(input: SignInput<StandardWebhooksOptions>, key: KeyObject): SignResult {
  const o = { ...STD_DEFAULTS, ...(input.options ?? {}) };
  const prefix = o.headerPrefix ?? 'webhook-';
  const req = fromDraft(input.request);
  const id = o.msgId ?? headerValue(req.rawHeaders, `${prefix}id`) ?? `msg_${randomUUID().replace(/-/g, '')}`;
  const ts = String(nowSeconds(input.now));
  const value = `v1a,${edSign(null, signedContent(id, ts, req.body), key).toString('base64')}`;
  const name = `${prefix}signature`;
  return {
    value,
    placement: { in: 'header', name },
    canonical: `${id}.${ts}.${req.body.toString('utf8')}`,
    headers: [[`${prefix}id`, id], [`${prefix}timestamp`, ts], [name, value]],
    url: req.url,
  };
}
