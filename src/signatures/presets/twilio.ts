/**
 * Twilio: X-Twilio-Signature = base64 HMAC-SHA1 (auth token as key) of the full URL
 * Twilio requested (scheme, host, path, query as sent) followed, for form POSTs, by every
 * POST parameter sorted by name with name and value appended without delimiters.
 * JSON bodies are not appended; instead the URL carries bodySHA256 = hex sha256(body),
 * which is checked too.
 * Source: https://www.twilio.com/docs/usage/webhooks/webhooks-security
 * Worked example there: auth token 12345, https://mycompany.com/myapp.php?foo=1&bar=2
 * → 0/KCTR6DLpKmkAf8muzZqo1nDgQ= (see the unit test).
 */
import { decodeSecret, hash, hmac, safeEqual } from '../encoding.js';
import { bodyTrials, firstCause, NO_CAUSE_FOUND, plusCause, secretTrials, spaceEncodingVariants } from '../diagnose.js';
import type { Trial } from '../diagnose.js';
import { requireSharedSecret } from '../hmac-core.js';
import { headerValue } from '../../http/headers.js';
import { absoluteUrl, contentType, formParams, fromDraft, queryParams } from '../request.js';
import type { Param } from '../request.js';
import { SignatureConfigError } from '../types.js';
import type { CapturedRequest, Scheme, Verdict, VerifyInput } from '../types.js';
import { makeVerdict } from '../verdict.js';

export interface TwilioOptions {
  header: string;
  /** HMAC-SHA1 by default; Twilio Webhook rules may switch to HMAC-SHA256. */
  algorithm: 'sha1' | 'sha256';
  /** 'decoded' (Twilio's SDKs) or 'raw' parameter text, for diagnosing proxies. */
  params: 'decoded' | 'raw';
}

const DEFAULTS: TwilioOptions = { header: 'X-Twilio-Signature', algorithm: 'sha1', params: 'decoded' };
const ID = 'twilio';

function byNameThenValue(a: Param, b: Param): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

export function twilioCanonical(req: CapturedRequest, o: TwilioOptions): string {
  const url = absoluteUrl(req);
  if (req.method.toUpperCase() !== 'POST' || contentType(req).includes('json')) return url;
  const params = [...formParams(req)].sort(byNameThenValue);
  return url + params.map((p) => (o.params === 'raw' ? p.rawName + p.rawValue : p.name + p.value)).join('');
}

function compute(req: CapturedRequest, o: TwilioOptions, secret: Buffer): Buffer {
  return hmac(o.algorithm, secret, twilioCanonical(req, o));
}

function matches(given: string, digest: Buffer): boolean {
  return safeEqual(digest, Buffer.from(given.trim(), 'base64'));
}

function verifyTwilio(input: VerifyInput<TwilioOptions>): Verdict {
  const o = { ...DEFAULTS, ...(input.options ?? {}) };
  const key = requireSharedSecret(input.key, ID);
  const req = input.request;
  const given = headerValue(req.rawHeaders, o.header);
  const canonical = twilioCanonical(req, o);
  const details = ['full URL + POST params sorted by name (name+value, no delimiters)'];
  if (!req.fullUrl) details.push('no fullUrl captured: the URL Twilio signed starts with scheme and host, which are unknown');
  const secret = decodeSecret(key.secret, key.secretEncoding);
  const base = { scheme: ID, canonical, given, details };
  if (!secret) return makeVerdict({ ...base, expected: null, valid: false, cause: `secret is not valid ${key.secretEncoding}` });
  const digest = compute(req, o, secret);
  const expected = digest.toString('base64');
  if (given === null) return makeVerdict({ ...base, expected, valid: false, cause: `signature missing: no ${o.header} header` });
  let cause: string | null = matches(given, digest) ? null : 'signature mismatch';
  const bodySha = queryParams(req).find((p) => p.name === 'bodySHA256');
  if (bodySha && cause === null) {
    const ok = safeEqual(hash('sha256', req.body), Buffer.from(bodySha.value, 'hex'));
    details.push(`bodySHA256 ${ok ? 'matches' : 'does not match'} the body`);
    if (!ok) cause = 'body altered: the URL signature is valid but bodySHA256 does not match the body received';
  }
  return makeVerdict({ ...base, expected, valid: cause === null, cause });
}

function portVariant(fullUrl: string | undefined): string | null {
  if (!fullUrl) return null;
  const m = /^(https?):\/\/([^/:?#]+)(:\d+)?(.*)$/i.exec(fullUrl);
  if (!m) return null;
  const std = m[1]!.toLowerCase() === 'https' ? ':443' : ':80';
  return m[3] ? `${m[1]}://${m[2]}${m[4]}` : `${m[1]}://${m[2]}${std}${m[4]}`;
}

function explainTwilio(input: VerifyInput<TwilioOptions>): Verdict {
  const verdict = verifyTwilio(input);
  if (verdict.valid || verdict.cause !== 'signature mismatch' || verdict.given === null) return verdict;
  const o = { ...DEFAULTS, ...(input.options ?? {}) };
  const key = requireSharedSecret(input.key, ID);
  const secret = decodeSecret(key.secret, key.secretEncoding) ?? Buffer.alloc(0);
  const given = verdict.given;
  const ok = (r: CapturedRequest, opts: TwilioOptions = o, s: Buffer = secret) => matches(given, compute(r, opts, s));
  const req = input.request;
  const port = portVariant(req.fullUrl);
  const trials: Trial[] = [
    ...secretTrials(key, (s) => ok(req, o, s)),
    ...spaceEncodingVariants(req.url).map((v) => ({ cause: plusCause(v.label), test: () => ok({ ...req, url: v.value }) })),
    ...(port ? [{ cause: `URL port: the signature matches with ${port} as scheme and host; the port must be signed exactly as in the URL Twilio was given`, test: () => ok({ ...req, fullUrl: port }) }] : []),
    { cause: 'URL scheme: the signature matches the other of http/https (TLS terminated by a proxy?)', test: () => ok({ ...req, fullUrl: req.fullUrl?.replace(/^https?:/i, (s) => (s.toLowerCase() === 'https:' ? 'http:' : 'https:')) }) },
    { cause: `parameter encoding: the signature matches ${o.params === 'raw' ? 'decoded' : 'raw (still URL-encoded)'} POST values`, test: () => ok(req, { ...o, params: o.params === 'raw' ? 'decoded' : 'raw' }) },
    { cause: `wrong algorithm: the signature is HMAC-${o.algorithm === 'sha1' ? 'SHA256' : 'SHA1'}`, test: () => ok(req, { ...o, algorithm: o.algorithm === 'sha1' ? 'sha256' : 'sha1' }) },
    ...bodyTrials(req.body, (b) => ok({ ...req, body: b })),
  ];
  return { ...verdict, cause: firstCause(trials) ?? NO_CAUSE_FOUND };
}

export const twilioScheme: Scheme<TwilioOptions> = {
  id: ID,
  label: 'Twilio (X-Twilio-Signature)',
  sources: ['https://www.twilio.com/docs/usage/webhooks/webhooks-security'],
  defaults: DEFAULTS,
  verify: verifyTwilio,
  explain: explainTwilio,
  sign(input) {
    const o = { ...DEFAULTS, ...(input.options ?? {}) };
    const key = requireSharedSecret(input.key, ID);
    const secret = decodeSecret(key.secret, key.secretEncoding);
    if (!secret) throw new SignatureConfigError(`secret is not valid ${key.secretEncoding}`);
    const req = fromDraft(input.request);
    const value = compute(req, o, secret).toString('base64');
    return { value, placement: { in: 'header', name: o.header }, canonical: twilioCanonical(req, o), headers: [[o.header, value]], url: req.url };
  },
};
