/**
 * Twilio: X-Twilio-Signature = base64 HMAC-SHA1 (auth token as key) of the full URL
 * Twilio requested (scheme, host, path, query as sent) followed, for form POSTs, by every
 * POST parameter sorted by name with name and value appended without delimiters.
 * JSON bodies are not appended; instead the URL carries bodySHA256 = hex sha256(body),
 * which is checked too.
 * Source: https://www.twilio.com/docs/usage/webhooks/webhooks-security
 * Worked example there: auth token 12345, https://mycompany.com/myapp.php?foo=1&bar=2
 * → 0/KCTR6DLpKmkAf8muzZqo1nDgQ= (see the unit test).
 * Like twilio-node's validateRequest, the URL is accepted with and without its port, as new URL()
 * writes it and with its query re-encoded by Node's legacy querystring (twilio-url.ts), and
 * X-Twilio-Webhooks-Signature-Settings picks the algorithm (twilio-settings.ts).
 */
import { decodeSecret, hash, safeEqual } from '../encoding.js';
import { requireSharedSecret } from '../hmac-core.js';
import { headerValue } from '../../http/headers.js';
import { fromDraft, queryParams } from '../request.js';
import { SignatureConfigError } from '../types.js';
import type { RawHeaders, Scheme, Verdict, VerifyInput } from '../types.js';
import { makeVerdict } from '../verdict.js';
import { effectiveOptions, settingsDetail, TWILIO_DEFAULTS, TWILIO_ID, twilioCanonical, twilioHmac, twilioMatches, urlForms } from './twilio-core.js';
import type { TwilioOptions } from './twilio-core.js';
import { explainTwilio } from './twilio-explain.js';
import { readTwilioSettings, TWILIO_SETTINGS_HEADER, twilioSettingsValue } from './twilio-settings.js';

export type { TwilioOptions } from './twilio-core.js';
export { twilioCanonical } from './twilio-core.js';

function verifyTwilio(input: VerifyInput<TwilioOptions>): Verdict {
  const settings = readTwilioSettings(input.request.rawHeaders);
  const o = effectiveOptions({ ...TWILIO_DEFAULTS, ...(input.options ?? {}) }, settings);
  const key = requireSharedSecret(input.key, TWILIO_ID);
  const req = input.request;
  const given = headerValue(req.rawHeaders, o.header);
  const details = [`full URL + POST params sorted by name (name+value, no delimiters), HMAC-${o.algorithm.toUpperCase()}`];
  if (!req.fullUrl) details.push('no fullUrl captured: the URL Twilio signed starts with scheme and host, which are unknown');
  const fromSettings = settingsDetail(settings);
  if (fromSettings) details.push(fromSettings);
  else if (o.algorithm === 'sha256') details.push(`HMAC-SHA256 without a ${TWILIO_SETTINGS_HEADER} header: Twilio names the algorithm in that header when a Webhook Rule changes it`);
  const secret = decodeSecret(key.secret, key.secretEncoding);
  const base = { scheme: TWILIO_ID, canonical: twilioCanonical(req, o), given, details };
  if (!secret) return makeVerdict({ ...base, expected: null, valid: false, cause: `secret is not valid ${key.secretEncoding}` });
  if (settings.present && !settings.algorithm) {
    return makeVerdict({ ...base, expected: null, valid: false, cause: `unsupported algorithm "${settings.unsupported}" in ${TWILIO_SETTINGS_HEADER} (Twilio's SDK knows HMAC_SHA1 and HMAC_SHA256)` });
  }
  const forms = urlForms(req);
  const hit = given === null ? undefined : forms.find((f) => twilioMatches(given, twilioHmac(f.req, o, secret)));
  const used = hit ?? forms[0]!;
  const expected = twilioHmac(used.req, o, secret).toString('base64');
  const shown = { ...base, canonical: twilioCanonical(used.req, o), expected };
  if (given === null) return makeVerdict({ ...shown, valid: false, cause: `signature missing: no ${o.header} header` });
  if (hit?.change) details.push(`matches ${hit.change}: ${hit.why}`);
  let cause: string | null = hit ? null : 'signature mismatch';
  const bodySha = queryParams(req).find((p) => p.name === 'bodySHA256');
  if (bodySha && cause === null) {
    const ok = safeEqual(hash('sha256', req.body), Buffer.from(bodySha.value, 'hex'));
    details.push(`bodySHA256 ${ok ? 'matches' : 'does not match'} the body`);
    if (!ok) cause = 'body altered: the URL signature is valid but bodySHA256 does not match the body received';
  }
  return makeVerdict({ ...shown, valid: cause === null, cause });
}

export const twilioScheme: Scheme<TwilioOptions> = {
  id: TWILIO_ID,
  label: 'Twilio (X-Twilio-Signature)',
  sources: [
    'https://www.twilio.com/docs/usage/webhooks/webhooks-security',
    'https://github.com/twilio/twilio-node/blob/main/src/webhooks/webhooks.ts',
    'https://github.com/twilio/twilio-node/blob/main/spec/unit/webhooks/webhooks.spec.js',
    'https://github.com/twilio/twilio-node/blob/main/examples/WebhookSignatureValidation.md',
    'https://www.twilio.com/docs/usage/webhooks/webhook-shared-keys',
  ],
  defaults: TWILIO_DEFAULTS,
  verify: verifyTwilio,
  explain: (input) => explainTwilio(input, verifyTwilio(input)),
  sign(input) {
    const o = { ...TWILIO_DEFAULTS, ...(input.options ?? {}) };
    const key = requireSharedSecret(input.key, TWILIO_ID);
    const secret = decodeSecret(key.secret, key.secretEncoding);
    if (!secret) throw new SignatureConfigError(`secret is not valid ${key.secretEncoding}`);
    const req = fromDraft(input.request);
    const value = twilioHmac(req, o, secret).toString('base64');
    // HMAC-SHA256 is only ever a Webhook Setting's: Twilio names it in the settings header, so a test send does too.
    const headers: RawHeaders = o.algorithm === 'sha256' ? [[TWILIO_SETTINGS_HEADER, twilioSettingsValue(o.sharedKeyId, 'sha256')], [o.header, value]] : [[o.header, value]];
    return { value, placement: { in: 'header', name: o.header }, canonical: twilioCanonical(req, o), headers, url: req.url };
  },
};
