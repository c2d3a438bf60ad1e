/**
 * Twilio's signed string and HMAC, and which URL forms and algorithm apply to a request:
 * shared by the scheme (twilio.ts) and its mismatch diagnosis (twilio-explain.ts).
 */
import { hmac, safeEqual } from '../encoding.js';
import { absoluteUrl, contentType, formParams } from '../request.js';
import type { Param } from '../request.js';
import type { CapturedRequest } from '../types.js';
import { TWILIO_SETTINGS_HEADER } from './twilio-settings.js';
import type { TwilioSettings } from './twilio-settings.js';
import { twilioUrlForms } from './twilio-url.js';

export interface TwilioOptions {
  header: string;
  /**
   * Used when the request has no X-Twilio-Webhooks-Signature-Settings header (HMAC-SHA1, the Auth
   * Token's algorithm); when it has one, the header's algorithm wins, as in Twilio's SDK.
   */
  algorithm: 'sha1' | 'sha256';
  /** 'decoded' (Twilio's SDKs) or 'raw' parameter text, for diagnosing proxies. */
  params: 'decoded' | 'raw';
  /** SharedKey id that sign() names in the settings header when it signs with HMAC-SHA256. */
  sharedKeyId: string | null;
}

export const TWILIO_DEFAULTS: TwilioOptions = { header: 'X-Twilio-Signature', algorithm: 'sha1', params: 'decoded', sharedKeyId: null };
export const TWILIO_ID = 'twilio';

function byNameThenValue(a: Param, b: Param): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

/**
 * The signed string: the URL, then (form POSTs only) each parameter as name+value sorted by name,
 * then value. A value repeated under one name counts once, as in the SDKs (twilio-node's
 * toFormUrlEncodedParam takes `new Set(values)`, twilio-python's compute_signature `set(values)`).
 * A URL carrying bodySHA256 is signed alone: twilio-node's validateIncomingRequest then checks the
 * URL with no parameters (validateRequestWithBody) and the body against the hash.
 */
export function twilioCanonical(req: CapturedRequest, o: TwilioOptions): string {
  const url = absoluteUrl(req);
  if (req.method.toUpperCase() !== 'POST' || contentType(req).includes('json') || url.includes('bodySHA256')) return url;
  const parts = [...formParams(req)].sort(byNameThenValue).map((p) => (o.params === 'raw' ? [p.rawName, p.rawValue] : [p.name, p.value]));
  const distinct = parts.filter(([name, value], i) => i === 0 || parts[i - 1]![0] !== name || parts[i - 1]![1] !== value);
  return url + distinct.map(([name, value]) => name! + value!).join('');
}

export function twilioHmac(req: CapturedRequest, o: TwilioOptions, secret: Buffer): Buffer {
  return hmac(o.algorithm, secret, twilioCanonical(req, o));
}

export function twilioMatches(given: string, digest: Buffer): boolean {
  return safeEqual(digest, Buffer.from(given.trim(), 'base64'));
}

/** The algorithm the request was signed with: the settings header's, else the option's. */
export function effectiveOptions(o: TwilioOptions, settings: TwilioSettings): TwilioOptions {
  return settings.present && settings.algorithm ? { ...o, algorithm: settings.algorithm } : o;
}

export function settingsDetail(settings: TwilioSettings): string | null {
  if (!settings.present) return null;
  const key = settings.keyId ? `SharedKey ${settings.keyId}` : 'a SharedKey';
  const alg = settings.algorithm ? `HMAC-${settings.algorithm.toUpperCase()}` : `"${settings.unsupported}"`;
  return `${TWILIO_SETTINGS_HEADER}: signed with ${key} and ${alg} (a Webhook Rule applies): the secret must be that SharedKey's secret, not the Auth Token`;
}

/** The URL forms tried, as the SDK does; the first that matches wins. */
export function urlForms(req: CapturedRequest): Array<{ req: CapturedRequest; change: string | null; why: string | null }> {
  if (!req.fullUrl) return [{ req, change: null, why: null }];
  return twilioUrlForms(absoluteUrl(req)).map((f) => ({ req: f.change ? { ...req, fullUrl: f.url } : req, change: f.change, why: f.why }));
}
