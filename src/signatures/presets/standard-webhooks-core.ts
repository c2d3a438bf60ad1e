/**
 * What both Standard Webhooks signature kinds share: the options, the headers, the signed content
 * `${id}.${timestamp}.${raw body}` and the space-separated `<version>,<base64>` entries.
 * Used by the symmetric v1 scheme (standard-webhooks.ts) and the ed25519 v1a one (standard-webhooks-v1a.ts).
 * Source: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 */
import { headerValue } from '../../http/headers.js';
import type { CapturedRequest } from '../types.js';
import { skewCause } from '../verdict.js';

export interface StandardWebhooksOptions {
  /** 'webhook-' per the spec, 'svix-' for Svix; null tries both. */
  headerPrefix: string | null;
  toleranceSec: number;
  /** Message id to use when signing; a random msg_… when null and the draft has none. */
  msgId: string | null;
}

export const STD_DEFAULTS: StandardWebhooksOptions = { headerPrefix: null, toleranceSec: 300, msgId: null };
export const STD_ID = 'standard-webhooks';

export function signedContent(id: string, ts: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${id}.${ts}.`, 'utf8'), body]);
}

export interface StdHeaders {
  prefix: string;
  id: string | null;
  ts: string | null;
  sig: string | null;
}

export function readStdHeaders(req: CapturedRequest, prefix: string | null): StdHeaders {
  const prefixes = prefix === null ? ['webhook-', 'svix-'] : [prefix];
  const read = (p: string): StdHeaders => ({
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

/** The signatures of one version ('v1' symmetric, 'v1a' asymmetric), decoded from base64. */
export function signaturesOf(sigHeader: string, version: 'v1' | 'v1a'): Buffer[] {
  const out: Buffer[] = [];
  for (const entry of sigHeader.split(' ').filter(Boolean)) {
    const comma = entry.indexOf(',');
    if (comma > 0 && entry.slice(0, comma) === version && comma < entry.length - 1) out.push(Buffer.from(entry.slice(comma + 1), 'base64'));
  }
  return out;
}

export function versionsIn(sigHeader: string): string[] {
  return [...new Set(sigHeader.split(' ').filter(Boolean).map((e) => e.split(',', 1)[0] ?? ''))];
}

/** A clock-skew cause when the timestamp is outside the tolerance (0 disables the check). */
export function stdSkew(ts: string, o: StandardWebhooksOptions, now: number): string | null {
  return o.toleranceSec > 0 ? skewCause(Number(ts), now, o.toleranceSec) : null;
}
