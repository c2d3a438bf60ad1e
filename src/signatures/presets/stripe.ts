/**
 * Stripe webhooks: Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…][,v0=…].
 * signed_payload = `${t}.${raw body}`; v1 = hex HMAC-SHA256 keyed with the endpoint's
 * signing secret ('whsec_…' used verbatim as text). Several v1 values appear during
 * secret rotation: any one matching is enough. Default tolerance 300 s, as Stripe's SDKs.
 * Source: https://docs.stripe.com/webhooks#verify-manually (https://stripe.com/docs/webhooks/signatures)
 * Stripe publishes the header format and an example header, but no secret/payload pair
 * that reproduces it, so there is no reference vector to test against.
 */
import { decodeSecret, encodeDigest, hmac, safeEqual } from '../encoding.js';
import { bodyTrials, firstCause, NO_CAUSE_FOUND, secretTrials } from '../diagnose.js';
import type { Trial } from '../diagnose.js';
import { requireSharedSecret } from '../hmac-core.js';
import { headerValue } from '../../http/headers.js';
import { fromDraft } from '../request.js';
import { SignatureConfigError } from '../types.js';
import type { CapturedRequest, Scheme, Verdict, VerifyInput } from '../types.js';
import { makeVerdict, nowSeconds, skewCause } from '../verdict.js';

export interface StripeOptions {
  header: string;
  /** Seconds; 0 disables the timestamp check. */
  toleranceSec: number;
}

const DEFAULTS: StripeOptions = { header: 'Stripe-Signature', toleranceSec: 300 };
const ID = 'stripe';

export function parseStripeHeader(value: string): { t: string | null; v1: string[]; others: string[] } {
  let t: string | null = null;
  const v1: string[] = [];
  const others: string[] = [];
  for (const item of value.split(',')) {
    const eq = item.indexOf('=');
    const k = item.slice(0, eq).trim();
    const v = item.slice(eq + 1).trim();
    if (k === 't' && t === null) t = v;
    else if (k === 'v1') v1.push(v);
    else if (k) others.push(k);
  }
  return { t, v1, others };
}

function digestFor(secret: Buffer, t: string, body: Buffer): Buffer {
  return hmac('sha256', secret, Buffer.concat([Buffer.from(`${t}.`, 'utf8'), body]));
}

/** Index of the first v1 that matches; every candidate is compared in constant time. */
function matchIndex(v1: string[], digest: Buffer): number {
  let hit = -1;
  v1.forEach((sig, i) => {
    const bytes = /^[0-9a-fA-F]+$/.test(sig) && sig.length % 2 === 0 ? Buffer.from(sig, 'hex') : Buffer.alloc(0);
    if (safeEqual(digest, bytes) && hit < 0) hit = i;
  });
  return hit;
}

function verifyStripe(input: VerifyInput<StripeOptions>): Verdict {
  const o = { ...DEFAULTS, ...(input.options ?? {}) };
  const key = requireSharedSecret(input.key, ID);
  const given = headerValue(input.request.rawHeaders, o.header);
  const base = { scheme: ID, canonical: '', expected: null, given, details: [] as string[] };
  if (given === null) return makeVerdict({ ...base, valid: false, cause: `signature missing: no ${o.header} header` });
  const { t, v1, others } = parseStripeHeader(given);
  if (t === null) return makeVerdict({ ...base, valid: false, cause: `malformed ${o.header}: no t= timestamp` });
  const secret = decodeSecret(key.secret, key.secretEncoding);
  if (!secret) return makeVerdict({ ...base, valid: false, cause: `secret is not valid ${key.secretEncoding}` });
  const digest = digestFor(secret, t, input.request.body);
  const details = [`signed_payload = t + '.' + raw body; ${v1.length} v1 signature(s) in the header`];
  if (others.length) details.push(`ignored schemes: ${others.join(', ')} (only v1 is verified)`);
  const canonical = `${t}.${input.request.body.toString('utf8')}`;
  const hit = matchIndex(v1, digest);
  if (hit >= 0) details.push(`v1 #${hit + 1} matches`);
  let cause: string | null = hit >= 0 ? null : v1.length === 0 ? `no v1 signature in ${o.header}` : 'signature mismatch';
  if (o.toleranceSec > 0) {
    const skew = skewCause(Number(t), nowSeconds(input.now), o.toleranceSec);
    if (skew && hit >= 0) cause = skew;
    else if (skew) details.push(skew);
  }
  return makeVerdict({ ...base, canonical, expected: `t=${t},v1=${encodeDigest(digest, 'hex')}`, details, valid: cause === null, cause });
}

function explainStripe(input: VerifyInput<StripeOptions>): Verdict {
  const verdict = verifyStripe(input);
  if (verdict.valid || verdict.cause !== 'signature mismatch' || verdict.given === null) return verdict;
  const { t, v1 } = parseStripeHeader(verdict.given);
  const key = requireSharedSecret(input.key, ID);
  const req: CapturedRequest = input.request;
  const secret = decodeSecret(key.secret, key.secretEncoding) ?? Buffer.alloc(0);
  const ok = (s: Buffer, body: Buffer) => matchIndex(v1, digestFor(s, t ?? '', body)) >= 0;
  const trials: Trial[] = [
    ...secretTrials(key, (s) => ok(s, req.body)),
    ...(key.secret.startsWith('whsec_')
      ? [{ cause: "secret: the signature matches when the 'whsec_' prefix is dropped from the secret", test: () => ok(Buffer.from(key.secret.slice(6), 'utf8'), req.body) }]
      : [{ cause: "secret: the signature matches when 'whsec_' is prepended to the secret (Stripe uses the whole string)", test: () => ok(Buffer.from(`whsec_${key.secret}`, 'utf8'), req.body) }]),
    ...bodyTrials(req.body, (b) => ok(secret, b)),
  ];
  return { ...verdict, cause: firstCause(trials) ?? NO_CAUSE_FOUND };
}

export const stripeScheme: Scheme<StripeOptions> = {
  id: ID,
  label: 'Stripe (Stripe-Signature t=…,v1=…)',
  sources: ['https://docs.stripe.com/webhooks#verify-manually'],
  defaults: DEFAULTS,
  verify: verifyStripe,
  explain: explainStripe,
  sign(input) {
    const o = { ...DEFAULTS, ...(input.options ?? {}) };
    const key = requireSharedSecret(input.key, ID);
    const secret = decodeSecret(key.secret, key.secretEncoding);
    if (!secret) throw new SignatureConfigError(`secret is not valid ${key.secretEncoding}`);
    const req = fromDraft(input.request);
    const t = String(nowSeconds(input.now));
    const value = `t=${t},v1=${encodeDigest(digestFor(secret, t, req.body), 'hex')}`;
    return { value, placement: { in: 'header', name: o.header }, canonical: `${t}.${req.body.toString('utf8')}`, headers: [[o.header, value]], url: req.url };
  },
};
