/**
 * An expected request (a template's expansion, typed by the sender or posted to the API) made
 * comparable with what the receiver captured: origin-form target, wire strings, body bytes.
 */
import { CoreError } from '../errors.js';
import type { ExpectedRequestInput } from '../model/comparison.js';
import type { RawHeaders } from '../model/exchange.js';
import { bytesToBinaryString } from '../shared/binary-string.js';
import type { RequestParts } from './sides.js';

/** What the sender has in hand before sending: strings as it will write them, body as text or bytes. */
export interface ExpectedRequest {
  method: string;
  url: string;
  rawHeaders: RawHeaders;
  body: Uint8Array | string;
}

const utf8 = new TextEncoder();

export function expectedParts(expected: ExpectedRequest): RequestParts {
  return {
    method: expected.method,
    target: toWire(originForm(expected.url)),
    rawHeaders: expected.rawHeaders.map(([n, v]) => [n, toWire(v)]),
    body: typeof expected.body === 'string' ? utf8.encode(expected.body) : expected.body,
  };
}

/**
 * The receiver captures the origin-form target (`/pb?x=1`); a template expands to an absolute URL.
 * Done by hand, not with `new URL()`, which would re-encode the query and hide the very
 * differences we are looking for. The authority shows up as the Host header instead.
 */
export function originForm(url: string): string {
  let target = url;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(target);
  if (scheme) target = target.slice(scheme[0].length);
  const hash = target.indexOf('#');
  if (hash >= 0) target = target.slice(0, hash); // a fragment never travels
  if (target === '' || target.startsWith('?')) target = `/${target}`;
  return target;
}

/**
 * Captured strings are binary strings (one char per byte). Chars up to 0xFF go on the wire as
 * that byte (Node writes headers as latin1); anything above can only have travelled as UTF-8.
 */
function toWire(text: string): string {
  return /[^\x00-\xff]/.test(text) ? bytesToBinaryString(utf8.encode(text)) : text;
}

/** Validates the `expected` object of POST /api/diff/expected. */
export function expectedFromInput(input: unknown): ExpectedRequest {
  const fields: Array<{ field: string; message: string }> = [];
  const raw = (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) as Partial<Record<keyof ExpectedRequestInput, unknown>>;
  if (input !== raw) fields.push({ field: 'expected', message: 'must be an object {method, url, rawHeaders?, body? | bodyBase64?}' });
  const method = typeof raw.method === 'string' && /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(raw.method) ? raw.method : null;
  if (method === null) fields.push({ field: 'expected.method', message: 'must be an HTTP method token' });
  const url = typeof raw.url === 'string' && raw.url !== '' ? raw.url : null;
  if (url === null) fields.push({ field: 'expected.url', message: 'must be a non-empty string' });
  const headers = raw.rawHeaders ?? [];
  const okHeaders = Array.isArray(headers) && headers.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && h[0] !== '' && typeof h[1] === 'string');
  if (!okHeaders) fields.push({ field: 'expected.rawHeaders', message: 'must be [[name, value], …] of strings' });
  if (raw.body !== undefined && raw.bodyBase64 !== undefined) fields.push({ field: 'expected.body', message: 'give body or bodyBase64, not both' });
  if (raw.body !== undefined && typeof raw.body !== 'string') fields.push({ field: 'expected.body', message: 'must be a string' });
  const base64 = raw.bodyBase64;
  if (base64 !== undefined && (typeof base64 !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64))) {
    fields.push({ field: 'expected.bodyBase64', message: 'must be base64' });
  }
  if (fields.length || method === null || url === null) {
    throw new CoreError('INVALID_EXPECTED_REQUEST', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
  }
  const body = typeof base64 === 'string' ? new Uint8Array(Buffer.from(base64, 'base64')) : ((raw.body as string | undefined) ?? '');
  return { method, url, rawHeaders: headers as RawHeaders, body };
}
