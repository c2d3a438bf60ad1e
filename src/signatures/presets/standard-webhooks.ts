/**
 * Standard Webhooks: headers webhook-id, webhook-timestamp, webhook-signature.
 * Signed content `${id}.${timestamp}.${raw body}`, HMAC-SHA256, base64; the signature
 * header holds space-separated `v1,<base64>` entries (rotation) and any may match.
 * The secret is 'whsec_' + base64 of the key bytes. Svix sends the same scheme under
 * 'svix-' header names, so by default both prefixes are looked up.
 * Source: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 *   (reference test vector: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw / msg_p5jXN8AQM9LWM0D4loKWxJek)
 */
import { randomUUID } from 'node:crypto';
import { decodeSecret, hmac, safeEqual } from '../encoding.js';
import { bodyTrials, firstCause, NO_CAUSE_FOUND } from '../diagnose.js';
import type { Trial } from '../diagnose.js';
import { requireSharedSecret } from '../hmac-core.js';
import { headerValue } from '../../http/headers.js';
import { fromDraft } from '../request.js';
import { SignatureConfigError } from '../types.js';
import type { CapturedRequest, Scheme, SharedSecret, Verdict, VerifyInput } from '../types.js';
import { makeVerdict, nowSeconds, skewCause } from '../verdict.js';

export interface StandardWebhooksOptions {
  /** 'webhook-' per the spec, 'svix-' for Svix; null tries both. */
  headerPrefix: string | null;
  toleranceSec: number;
  /** Message id to use when signing; a random msg_… when null and the draft has none. */
  msgId: string | null;
}

const DEFAULTS: StandardWebhooksOptions = { headerPrefix: null, toleranceSec: 300, msgId: null };
const ID = 'standard-webhooks';

/** 'whsec_<base64>' → key bytes (the spec); other secrets follow their declared encoding. */
export function standardWebhooksKey(key: SharedSecret): Buffer | null {
  if (key.secret.startsWith('whsec_')) return decodeSecret(key.secret.slice(6), 'base64');
  return decodeSecret(key.secret, key.secretEncoding);
}

function content(id: string, ts: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${id}.${ts}.`, 'utf8'), body]);
}

function readHeaders(req: CapturedRequest, prefix: string | null) {
  const prefixes = prefix === null ? ['webhook-', 'svix-'] : [prefix];
  const read = (p: string) => ({
    prefix: p,
    id: headerValue(req.rawHeaders, `${p}id`),
    ts: headerValue(req.rawHeaders, `${p}timestamp`),
    sig: headerValue(req.rawHeaders, `${p}signature`),
  });
  for (const p of prefixes) {
    const h = read(p);
    if (h.sig !== null) return h;
  }
  return read(prefixes[0] ?? 'webhook-');
}

function anyMatch(sigHeader: string, digest: Buffer): boolean {
  let ok = false;
  for (const entry of sigHeader.split(' ').filter(Boolean)) {
    const [version, b64] = entry.split(',', 2);
    if (version !== 'v1' || !b64) continue;
    if (safeEqual(digest, Buffer.from(b64, 'base64'))) ok = true;
  }
  return ok;
}

function verifyStd(input: VerifyInput<StandardWebhooksOptions>): Verdict {
  const o = { ...DEFAULTS, ...(input.options ?? {}) };
  const key = requireSharedSecret(input.key, ID);
  const h = readHeaders(input.request, o.headerPrefix);
  const base = { scheme: ID, canonical: '', expected: null, given: h.sig, details: [] as string[] };
  if (h.sig === null) return makeVerdict({ ...base, valid: false, cause: `signature missing: no ${h.prefix}signature header` });
  if (h.id === null || h.ts === null) return makeVerdict({ ...base, valid: false, cause: `missing ${h.id === null ? `${h.prefix}id` : `${h.prefix}timestamp`} header` });
  const secret = standardWebhooksKey(key);
  if (!secret) return makeVerdict({ ...base, valid: false, cause: "secret is not 'whsec_' + base64 nor valid in its declared encoding" });
  const digest = hmac('sha256', secret, content(h.id, h.ts, input.request.body));
  const details = [`signed content = ${h.prefix}id + '.' + ${h.prefix}timestamp + '.' + raw body`];
  const entries = h.sig.split(' ').filter(Boolean);
  details.push(`${entries.length} signature(s) in the header${entries.some((e) => !e.startsWith('v1,')) ? '; non-v1 entries ignored' : ''}`);
  const matched = anyMatch(h.sig, digest);
  let cause: string | null = matched ? null : 'signature mismatch';
  const skew = o.toleranceSec > 0 ? skewCause(Number(h.ts), nowSeconds(input.now), o.toleranceSec) : null;
  if (skew && matched) cause = skew;
  else if (skew) details.push(skew);
  const canonical = `${h.id}.${h.ts}.${input.request.body.toString('utf8')}`;
  return makeVerdict({ ...base, canonical, expected: `v1,${digest.toString('base64')}`, details, valid: cause === null, cause });
}

function explainStd(input: VerifyInput<StandardWebhooksOptions>): Verdict {
  const verdict = verifyStd(input);
  if (verdict.valid || verdict.cause !== 'signature mismatch' || verdict.given === null) return verdict;
  const o = { ...DEFAULTS, ...(input.options ?? {}) };
  const key = requireSharedSecret(input.key, ID);
  const req = input.request;
  const h = readHeaders(req, o.headerPrefix);
  const ok = (s: Buffer, body: Buffer) => anyMatch(verdict.given ?? '', hmac('sha256', s, content(h.id ?? '', h.ts ?? '', body)));
  const secret = standardWebhooksKey(key) ?? Buffer.alloc(0);
  const trials: Trial[] = [
    { cause: "wrong secret encoding: the signature matches the whole secret string used as UTF-8 text (the 'whsec_' base64 part must be decoded)", test: () => ok(Buffer.from(key.secret, 'utf8'), req.body) },
    { cause: "wrong secret encoding: the signature matches the text after 'whsec_' used as UTF-8, not base64-decoded", test: () => ok(Buffer.from(key.secret.replace(/^whsec_/, ''), 'utf8'), req.body) },
    ...bodyTrials(req.body, (b) => ok(secret, b)),
  ];
  return { ...verdict, cause: firstCause(trials) ?? NO_CAUSE_FOUND };
}

export const standardWebhooksScheme: Scheme<StandardWebhooksOptions> = {
  id: ID,
  label: 'Standard Webhooks (webhook-id / webhook-timestamp / webhook-signature)',
  sources: ['https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md', 'https://www.standardwebhooks.com/'],
  defaults: DEFAULTS,
  verify: verifyStd,
  explain: explainStd,
  sign(input) {
    const o = { ...DEFAULTS, ...(input.options ?? {}) };
    const prefix = o.headerPrefix ?? 'webhook-';
    const secret = standardWebhooksKey(requireSharedSecret(input.key, ID));
    if (!secret) throw new SignatureConfigError("secret is not 'whsec_' + base64 nor valid in its declared encoding");
    const req = fromDraft(input.request);
    const id = o.msgId ?? headerValue(req.rawHeaders, `${prefix}id`) ?? `msg_${randomUUID().replace(/-/g, '')}`;
    const ts = String(nowSeconds(input.now));
    const value = `v1,${hmac('sha256', secret, content(id, ts, req.body)).toString('base64')}`;
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
