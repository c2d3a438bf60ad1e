/**
 * Likeliest-cause search for Twilio: each trial recomputes the signature under one usual mistake,
 * always over both of the SDK's URL forms (with and without the port), so a port never hides it.
 */
import { decodeSecret } from '../encoding.js';
import { bodyTrials, firstCause, NO_CAUSE_FOUND, plusCause, secretTrials, spaceEncodingVariants } from '../diagnose.js';
import type { Trial } from '../diagnose.js';
import { requireSharedSecret } from '../hmac-core.js';
import type { CapturedRequest, Verdict, VerifyInput } from '../types.js';
import { effectiveOptions, TWILIO_DEFAULTS, TWILIO_ID, twilioHmac, twilioMatches, urlForms } from './twilio-core.js';
import type { TwilioOptions } from './twilio-core.js';
import { readTwilioSettings, TWILIO_SETTINGS_HEADER } from './twilio-settings.js';

export function explainTwilio(input: VerifyInput<TwilioOptions>, verdict: Verdict): Verdict {
  if (verdict.valid || verdict.cause !== 'signature mismatch' || verdict.given === null) return verdict;
  const settings = readTwilioSettings(input.request.rawHeaders);
  const o = effectiveOptions({ ...TWILIO_DEFAULTS, ...(input.options ?? {}) }, settings);
  const key = requireSharedSecret(input.key, TWILIO_ID);
  const secret = decodeSecret(key.secret, key.secretEncoding) ?? Buffer.alloc(0);
  const given = verdict.given;
  // Every trial also gets the SDK's port forms, so a port difference never hides another cause.
  const ok = (r: CapturedRequest, opts: TwilioOptions = o, s: Buffer = secret) => urlForms(r).some((f) => twilioMatches(given, twilioHmac(f.req, opts, s)));
  const req = input.request;
  const other = o.algorithm === 'sha1' ? 'sha256' : 'sha1';
  const trials: Trial[] = [
    ...secretTrials(key, (s) => ok(req, o, s)),
    ...spaceEncodingVariants(req.url).map((v) => ({ cause: plusCause(v.label), test: () => ok({ ...req, url: v.value }) })),
    { cause: 'URL scheme: the signature matches the other of http/https (TLS terminated by a proxy?)', test: () => ok({ ...req, fullUrl: req.fullUrl?.replace(/^https?:/i, (s) => (s.toLowerCase() === 'https:' ? 'http:' : 'https:')) }) },
    { cause: `parameter encoding: the signature matches ${o.params === 'raw' ? 'decoded' : 'raw (still URL-encoded)'} POST values`, test: () => ok(req, { ...o, params: o.params === 'raw' ? 'decoded' : 'raw' }) },
    {
      cause: settings.present
        ? `wrong algorithm: the signature is HMAC-${other.toUpperCase()}, although ${TWILIO_SETTINGS_HEADER} says HMAC-${o.algorithm.toUpperCase()}`
        : `wrong algorithm: the signature is HMAC-${other.toUpperCase()}${other === 'sha256' ? ` (a Webhook Rule's Setting, but the ${TWILIO_SETTINGS_HEADER} header is missing)` : ''}`,
      test: () => ok(req, { ...o, algorithm: other }),
    },
    ...bodyTrials(req.body, (b) => ok({ ...req, body: b })),
  ];
  const fallback = settings.present
    ? `signature mismatch: Twilio signed with ${settings.keyId ? `SharedKey ${settings.keyId}` : 'a SharedKey'} (${TWILIO_SETTINGS_HEADER}) — the profile's secret must be that SharedKey's secret, not the Auth Token`
    : NO_CAUSE_FOUND;
  return { ...verdict, cause: firstCause(trials) ?? fallback };
}
