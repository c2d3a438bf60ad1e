import { mediaTypeOf } from '../decode/charset.js';
import { decodeContentEncoding } from '../decode/content-encoding.js';
import type { RawHeaders } from '../model/exchange.js';
import { binaryStringToDisplay, bytesToBinaryString } from '../shared/binary-string.js';
import { parseQuery, splitTarget } from '../shared/query-params.js';

/** A request as the store keeps it: target and header values are binary strings (one char per byte). */
export interface PostbackRequest {
  method: string;
  target: string;
  rawHeaders: RawHeaders;
  body: Buffer;
}

/** One value a postback carries, wherever it travelled. */
export interface PostbackField {
  /** Decoded name; a dotted path for JSON bodies (`user.id`, `items.0.sku`). */
  name: string;
  value: string;
  /** As sent, for query and form values (readable text); null for JSON. */
  rawValue: string | null;
  source: 'query' | 'form' | 'json';
  /** From parseQuery: duplicate-key, plus-as-space, double-encoded, empty-value… */
  anomalies: string[];
}

export interface ExtractedFields {
  fields: PostbackField[];
  /** The body bytes after Content-Encoding, for checks that read the body. */
  decodedBody: Buffer;
  /** Why the body could not be read, if so. */
  bodyProblem: string | null;
}

/** JSON bodies can be huge or deep: the checks read this many leaves at most. */
const MAX_JSON_FIELDS = 2000;

export function headerOf(headers: RawHeaders, name: string): string | null {
  const lower = name.toLowerCase();
  for (const [n, v] of headers) if (n.toLowerCase() === lower) return v;
  return null;
}

/** Query params, then form or JSON body fields, in the order they were sent. */
export function extractFields(request: PostbackRequest, maxDecodedBytes: number): ExtractedFields {
  const fields: PostbackField[] = parseQuery(splitTarget(request.target).rawQuery).map((p) => ({
    name: p.name,
    value: p.value,
    rawValue: binaryStringToDisplay(p.rawValue),
    source: 'query',
    anomalies: p.anomalies,
  }));
  if (request.body.length === 0) return { fields, decodedBody: request.body, bodyProblem: null };
  const decoded = decodeContentEncoding(request.body, headerOf(request.rawHeaders, 'content-encoding'), maxDecodedBytes);
  if (decoded.error) return { fields, decodedBody: decoded.bytes, bodyProblem: `body not decoded: ${decoded.error}` };
  const media = mediaTypeOf(headerOf(request.rawHeaders, 'content-type'));
  const text = decoded.bytes.toString('utf8');
  if (media === 'application/x-www-form-urlencoded' || (media === '' && /^[^{[\s][^\s]*=/.test(text))) {
    for (const p of parseQuery(bytesToBinaryString(decoded.bytes))) {
      fields.push({ name: p.name, value: p.value, rawValue: binaryStringToDisplay(p.rawValue), source: 'form', anomalies: p.anomalies });
    }
  } else if (media.endsWith('json') || /^\s*[{[]/.test(text)) {
    try {
      flattenJson(JSON.parse(text) as unknown, '', fields);
    } catch (error) {
      if (media.endsWith('json')) return { fields, decodedBody: decoded.bytes, bodyProblem: `JSON body does not parse: ${(error as Error).message}` };
    }
  }
  return { fields, decodedBody: decoded.bytes, bodyProblem: null };
}

function flattenJson(node: unknown, path: string, out: PostbackField[]): void {
  if (out.length >= MAX_JSON_FIELDS) return;
  if (node !== null && typeof node === 'object') {
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node as Record<string, unknown>);
    for (const [key, value] of entries) flattenJson(value, path ? `${path}.${key}` : key, out);
    return;
  }
  if (path === '') return;
  const value = node === null ? '' : String(node);
  out.push({ name: path, value, rawValue: null, source: 'json', anomalies: node === null || value === '' ? ['empty-value'] : [] });
}

/** The first field named so, looked up where the spec says. */
export function findField(fields: readonly PostbackField[], name: string, where: 'query' | 'body' | 'any' = 'any'): PostbackField | undefined {
  return fields.find((f) => f.name === name && (where === 'any' || (where === 'query' ? f.source === 'query' : f.source !== 'query')));
}
