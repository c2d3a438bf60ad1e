/**
 * `X-Twilio-Webhooks-Signature-Settings`: when a Webhook Rule matches the URL, Twilio signs with
 * the Webhook Setting's SharedKey and algorithm instead of the Auth Token and HMAC-SHA1, and adds
 *   X-Twilio-Webhooks-Signature-Settings: key=<SharedKey id>,algorithm=HMAC_SHA256
 * Only the hash (and the key) change: the signed string and X-Twilio-Signature stay as they were.
 * Header absent → Auth Token + HMAC-SHA1; an algorithm the SDK does not know → invalid.
 * Sources: https://github.com/twilio/twilio-node/blob/main/examples/WebhookSignatureValidation.md
 *          https://www.twilio.com/docs/usage/webhooks/webhook-shared-keys
 */
import { headerValue } from '../../http/headers.js';
import type { RawHeaders } from '../types.js';

export const TWILIO_SETTINGS_HEADER = 'X-Twilio-Webhooks-Signature-Settings';

const ALGORITHMS: Record<string, 'sha1' | 'sha256'> = { HMAC_SHA1: 'sha1', HMAC_SHA256: 'sha256' };

export type TwilioSettings =
  | { present: false }
  | { present: true; raw: string; keyId: string | null; algorithm: 'sha1' | 'sha256' }
  | { present: true; raw: string; keyId: string | null; algorithm: null; unsupported: string };

export function readTwilioSettings(headers: RawHeaders): TwilioSettings {
  const raw = headerValue(headers, TWILIO_SETTINGS_HEADER);
  if (raw === null) return { present: false };
  const fields = new Map<string, string>();
  for (const part of raw.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const keyId = fields.get('key') || null;
  const name = (fields.get('algorithm') ?? '').toUpperCase();
  const algorithm = ALGORITHMS[name];
  return algorithm ? { present: true, raw, keyId, algorithm } : { present: true, raw, keyId, algorithm: null, unsupported: fields.get('algorithm') ?? '' };
}

/** The header value Twilio sends for a Setting (what sign() adds when it signs with SHA-256). */
export function twilioSettingsValue(keyId: string | null, algorithm: 'sha1' | 'sha256'): string {
  return `key=${keyId ?? ''},algorithm=${algorithm === 'sha256' ? 'HMAC_SHA256' : 'HMAC_SHA1'}`;
}
