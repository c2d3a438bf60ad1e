/**
 * Read-only views of a captured request for signature work: headers by name,
 * raw and decoded parameters, the absolute URL the sender signed, field lookup.
 * Nothing here re-encodes what was received; raw forms stay available.
 */
import { headerValue } from '../http/headers.js';
import { nodeAt, parseJson, valueText } from '../http/json.js';
import { splitPairs } from '../http/query.js';
import { splitTarget } from '../http/target.js';
import { formDecode } from './encoding.js';
import type { CapturedRequest, RequestDraft } from './types.js';

export interface Param {
  name: string;
  value: string;
  /** Exactly as sent (percent-escapes and '+' untouched). */
  rawName: string;
  rawValue: string;
}

/** A signed URL may be pasted with its fragment; what was signed is the target without it. */
const signedTarget = { dropFragment: true };

/** Parses an urlencoded string; empty segments ('a=1&&b=2') are skipped as every server does. */
export function parseParams(raw: string): Param[] {
  return splitPairs(raw).map(({ rawName, rawValue }) => ({ rawName, rawValue: rawValue ?? '', name: formDecode(rawName), value: formDecode(rawValue ?? '') }));
}

export function queryParams(req: Pick<CapturedRequest, 'url'>): Param[] {
  const { rawQuery } = splitTarget(req.url, signedTarget);
  return rawQuery === null ? [] : parseParams(rawQuery);
}

export function contentType(req: Pick<CapturedRequest, 'rawHeaders'>): string {
  return (headerValue(req.rawHeaders, 'content-type') ?? '').toLowerCase();
}

/** Form fields of the body, only when the body is declared (or looks) urlencoded. */
export function formParams(req: Pick<CapturedRequest, 'rawHeaders' | 'body'>): Param[] {
  const ct = contentType(req);
  const text = req.body.toString('utf8');
  const looksForm = ct === '' && /^[^{\[\s][^\s]*=/.test(text);
  if (!ct.includes('application/x-www-form-urlencoded') && !looksForm) return [];
  return parseParams(text);
}

export function jsonBody(req: Pick<CapturedRequest, 'body'>): unknown {
  const text = req.body.toString('utf8').trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function stringifyField(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/**
 * A JSON field as the text a signature covers: read losslessly, so a 20-digit id is the digits
 * the sender signed, not JSON.parse's rounding of them.
 */
function jsonField(req: Pick<CapturedRequest, 'body'>, path: string): string | undefined {
  const text = req.body.toString('utf8').trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    const node = nodeAt(parseJson(text), path.split('.'));
    return node === undefined ? undefined : node.type === 'null' ? '' : valueText(node);
  } catch {
    return undefined;
  }
}

/**
 * A field reference: 'header:Name', 'query:name', 'body:name' (form field),
 * 'json:a.b', or a bare name looked up in query, then form body, then JSON body.
 * Returns the decoded value, or undefined when absent.
 */
export function lookupField(req: CapturedRequest, ref: string): string | undefined {
  const colon = ref.indexOf(':');
  const scope = colon > 0 ? ref.slice(0, colon) : '';
  const name = colon > 0 ? ref.slice(colon + 1) : ref;
  const inParams = (ps: Param[]) => ps.find((p) => p.name === name)?.value;
  if (scope === 'header') return headerValue(req.rawHeaders, name) ?? undefined;
  if (scope === 'query') return inParams(queryParams(req));
  if (scope === 'body') return inParams(formParams(req));
  if (scope === 'json') return jsonField(req, name);
  const fromQuery = inParams(queryParams(req));
  if (fromQuery !== undefined) return fromQuery;
  const fromForm = inParams(formParams(req));
  if (fromForm !== undefined) return fromForm;
  return jsonField(req, ref);
}

/**
 * The absolute URL the sender signed. `fullUrl` may be an origin ('https://host')
 * or already absolute with path; a bare origin gets the raw request target appended.
 */
export function absoluteUrl(req: Pick<CapturedRequest, 'url' | 'fullUrl'>): string {
  if (!req.fullUrl) return req.url;
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/i.exec(req.fullUrl);
  if (!m) return req.fullUrl;
  const rest = m[2] ?? '';
  return rest === '' || rest === '/' ? m[1] + req.url : req.fullUrl;
}

/** Fills a sender's draft into a full CapturedRequest so sign() can reuse verify's builders. */
export function fromDraft(d: RequestDraft): CapturedRequest {
  const body = d.body === undefined ? Buffer.alloc(0) : typeof d.body === 'string' ? Buffer.from(d.body, 'utf8') : d.body;
  return { method: d.method ?? 'GET', url: d.url, fullUrl: d.fullUrl, rawHeaders: d.rawHeaders ?? [], body };
}

/** Appends `name=value` (value already encoded by the caller) to a request target. */
export function appendQuery(url: string, name: string, encodedValue: string): string {
  const { rawQuery: query } = splitTarget(url, signedTarget);
  const sep = query === null ? '?' : query.length === 0 || url.endsWith('&') ? '' : '&';
  return `${url}${sep}${name}=${encodedValue}`;
}

/** Removes every `name=…` segment from a raw query, keeping the other bytes exactly as sent. */
export function withoutParam(url: string, name: string): string {
  const { path, rawQuery: query } = splitTarget(url, signedTarget);
  if (query === null) return url;
  const kept = query.split('&').filter((seg) => {
    const eq = seg.indexOf('=');
    return formDecode(eq < 0 ? seg : seg.slice(0, eq)) !== name;
  });
  return kept.length === 0 ? path : `${path}?${kept.join('&')}`;
}
