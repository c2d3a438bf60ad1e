/**
 * Builds the declared canonical message of the generic HMAC scheme: raw body, full URL,
 * URL without the signature, sorted parameters, or a template of fields and constants.
 */
import { formEncode, rfc3986Encode } from './encoding.js';
import { splitTarget } from '../http/target.js';
import { absoluteUrl, formParams, queryParams, lookupField, withoutParam } from './request.js';
import type { Param } from './request.js';
import type { CapturedRequest } from './types.js';

/** rfc3986: %20 for space; form: '+' for space (PHP urlencode); raw: bytes as sent; decoded: plain values. */
export type ParamEncoding = 'rfc3986' | 'form' | 'raw' | 'decoded';
export const PARAM_ENCODINGS: readonly ParamEncoding[] = ['rfc3986', 'form', 'raw', 'decoded'];

export type MessageSpec =
  | { kind: 'raw-body' }
  /** The URL exactly as received; `absolute` (default true) prefixes scheme+host from fullUrl. */
  | { kind: 'full-url'; absolute?: boolean }
  /** The URL as received minus the signature parameter (other bytes untouched). */
  | { kind: 'url-without-signature'; absolute?: boolean }
  | {
      kind: 'sorted-params';
      source: 'query' | 'body' | 'query+body';
      encoding: ParamEncoding;
      pairSeparator: string;
      kvSeparator: string;
      /** 'sorted' (default): by decoded name, stable for duplicates; 'as-sent' keeps arrival order. */
      order?: 'sorted' | 'as-sent';
      /** Parameters left out besides the signature itself. */
      exclude?: string[];
    }
  /**
   * Fields and constants, e.g. '{click_id}{event}{secret}' or '{timestamp}.{body}'.
   * Reserved: {secret} {body} {url} {path} {query} {method}; anything else is a field
   * reference (see request.ts lookupField: 'header:X', 'query:x', 'json:a.b', bare name).
   */
  | { kind: 'template'; template: string };

export interface BuiltMessage {
  bytes: Buffer;
  text: string;
  notes: string[];
}

export interface MessageContext {
  /** Name of the signature parameter when it travels in the query/body (excluded from params/URL). */
  signatureParam: string | null;
  /** The secret as text, for templates that embed it. */
  secretText: string;
}

function encodeParam(p: Param, enc: ParamEncoding): [string, string] {
  if (enc === 'raw') return [p.rawName, p.rawValue];
  if (enc === 'decoded') return [p.name, p.value];
  if (enc === 'rfc3986') return [rfc3986Encode(p.name), rfc3986Encode(p.value)];
  return [formEncode(p.name), formEncode(p.value)];
}

function compareNames(a: Param, b: Param): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function joinParams(params: Param[], spec: Extract<MessageSpec, { kind: 'sorted-params' }>): string {
  const ordered = spec.order === 'as-sent' ? params : [...params].sort(compareNames);
  return ordered
    .map((p) => encodeParam(p, spec.encoding))
    .map(([n, v]) => `${n}${spec.kvSeparator}${v}`)
    .join(spec.pairSeparator);
}

function text(t: string, notes: string[] = []): BuiltMessage {
  return { bytes: Buffer.from(t, 'utf8'), text: t, notes };
}

function urlMessage(req: CapturedRequest, absolute: boolean, notes: string[]): string {
  if (absolute && !req.fullUrl) notes.push('no fullUrl captured: using the request target only (scheme and host unknown)');
  return absolute ? absoluteUrl(req) : req.url;
}

function fillTemplate(req: CapturedRequest, template: string, ctx: MessageContext, notes: string[]): string {
  const reserved: Record<string, () => string> = {
    secret: () => ctx.secretText,
    body: () => req.body.toString('utf8'),
    url: () => absoluteUrl(req),
    path: () => splitTarget(req.url, { dropFragment: true }).path,
    query: () => splitTarget(req.url, { dropFragment: true }).rawQuery ?? '',
    method: () => req.method.toUpperCase(),
  };
  return template.replace(/\{([^{}]+)\}/g, (_m, name: string) => {
    const fixed = reserved[name];
    if (fixed) return fixed();
    const v = lookupField(req, name);
    if (v === undefined) notes.push(`template field {${name}} is absent from the request: used an empty string`);
    return v ?? '';
  });
}

export function buildMessage(req: CapturedRequest, spec: MessageSpec, ctx: MessageContext): BuiltMessage {
  const notes: string[] = [];
  switch (spec.kind) {
    case 'raw-body':
      return { bytes: req.body, text: req.body.toString('utf8'), notes };
    case 'full-url':
      return text(urlMessage(req, spec.absolute ?? true, notes), notes);
    case 'url-without-signature': {
      const url = urlMessage(req, spec.absolute ?? true, notes);
      return text(ctx.signatureParam ? withoutParam(url, ctx.signatureParam) : url, notes);
    }
    case 'sorted-params': {
      const fromQuery = spec.source === 'body' ? [] : queryParams(req);
      const fromBody = spec.source === 'query' ? [] : formParams(req);
      const skip = new Set([...(spec.exclude ?? []), ...(ctx.signatureParam ? [ctx.signatureParam] : [])]);
      const params = [...fromQuery, ...fromBody].filter((p) => !skip.has(p.name));
      return text(joinParams(params, spec), notes);
    }
    case 'template':
      return text(fillTemplate(req, spec.template, ctx, notes), notes);
  }
}
