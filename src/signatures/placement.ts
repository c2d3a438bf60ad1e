/**
 * Finding a signature in a captured request and putting one into an outbound request.
 */
import { formDecode, formEncode } from './encoding.js';
import { headerValue } from '../http/headers.js';
import { appendQuery, contentType, formParams, jsonBody, queryParams, stringifyField } from './request.js';
import { SignatureConfigError } from './types.js';
import type { CapturedRequest, Placement, RawHeaders } from './types.js';

export function describePlacement(p: Placement): string {
  if (p.in === 'header') return `header ${p.name}`;
  if (p.in === 'query') return `query parameter ${p.name}`;
  return `body field ${p.field}`;
}

/** The signature text as carried, or null. Query/form values are decoded ('+' → space matters for base64). */
export function locateSignature(req: CapturedRequest, p: Placement): string | null {
  if (p.in === 'header') return headerValue(req.rawHeaders, p.name);
  if (p.in === 'query') {
    const hit = queryParams(req).find((q) => q.name === p.name);
    // Base64 signatures in a query often arrive with '+' unescaped; form-decoding would
    // turn it into a space, so percent-escapes are decoded but a literal '+' is kept.
    return hit ? formDecode(hit.rawValue.replace(/\+/g, '%2B')) : null;
  }
  const form = formParams(req).find((f) => f.name === p.field);
  if (form) return form.value;
  const json = jsonBody(req);
  if (json && typeof json === 'object' && !Array.isArray(json) && p.field in json) {
    return stringifyField((json as Record<string, unknown>)[p.field]);
  }
  return null;
}

export interface Applied {
  headers: RawHeaders;
  url: string;
  body?: Buffer;
}

/** Puts a signature where the scheme says; JSON bodies are re-serialised compactly with the field added. */
export function applySignature(req: CapturedRequest, p: Placement, value: string, extraHeaders: RawHeaders = []): Applied {
  if (p.in === 'header') return { headers: [...extraHeaders, [p.name, value]], url: req.url };
  if (p.in === 'query') return { headers: extraHeaders, url: appendQuery(req.url, p.name, formEncode(value)) };
  const json = jsonBody(req);
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const body = Buffer.from(JSON.stringify({ ...(json as Record<string, unknown>), [p.field]: value }), 'utf8');
    return { headers: extraHeaders, url: req.url, body };
  }
  const sep = req.body.length === 0 ? '' : '&';
  const isForm = contentType(req).includes('urlencoded') || req.body.length === 0;
  if (!isForm) throw new SignatureConfigError(`cannot place ${describePlacement(p)}: the body is neither a JSON object nor urlencoded`);
  return { headers: extraHeaders, url: req.url, body: Buffer.concat([req.body, Buffer.from(`${sep}${p.field}=${formEncode(value)}`)]) };
}
