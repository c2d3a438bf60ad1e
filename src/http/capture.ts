/**
 * Every value a captured request carries, decoded once: query, form body, JSON leaves and
 * multipart fields, each with where it came from and its raw form. The params index, the checks
 * and endpoint rules read from here, so a value cannot be one thing to a check and another to a
 * search (JSON numbers stay as written: `12345678901234567890` is not rounded anywhere).
 */
import { charsetOf, decodeText, mediaTypeOf } from '../decode/charset.js';
import { decodeContentEncoding } from '../decode/content-encoding.js';
import { parseMultipart } from '../decode/multipart.js';
import { bytesToBinaryString } from '../shared/binary-string.js';
import { headerValue } from './headers.js';
import { parseJson, scalarLeaves, valueText, type JsonNode } from './json.js';
import { parseQuery } from './query.js';
import type { RawRequest } from './raw-request.js';
import { splitTarget } from './target.js';

export type FieldSource = 'query' | 'form' | 'json' | 'multipart';

export interface CaptureField {
  /** Decoded name; for JSON the dotted path (`user.id`, `items.0.sku`). */
  name: string;
  /** The name's keys: `[name]`, or the JSON path (a JSON key may itself hold a dot). */
  path: string[];
  /** Decoded value. JSON: strings decoded, numbers as written, `true`/`false`; '' for null. */
  value: string;
  /** As sent: the escaped value (binary string) for query and form, the source text for JSON; null for multipart. */
  rawValue: string | null;
  source: FieldSource;
  /** duplicate-key, plus-as-space, double-encoded, empty-value… (see parseQuery). */
  anomalies: string[];
  /** JSON only: the leaf's type, since `"1"` and `1` read alike as text. */
  jsonType?: 'string' | 'number' | 'boolean' | 'null';
}

export interface DecodedCapture {
  /** Query fields first, then the body's, in the order they were sent. */
  fields: CaptureField[];
  /** The body after Content-Encoding (the raw body when that failed). */
  body: Buffer;
  /** Lower-cased media type of Content-Type, '' when absent. */
  mediaType: string;
  bodyKind: 'empty' | 'form' | 'json' | 'multipart' | 'other';
  /** The parsed JSON body, when it is one and parses. */
  json: JsonNode | null;
  /** Why the body could not be read, if so. */
  bodyProblem: string | null;
  /** Content-Encoding could not be undone: `body` is still the raw bytes. */
  encodingError: string | null;
}

export interface DecodeCaptureOptions {
  /** Cap on Content-Encoding output: a decompression bomb stops with a bodyProblem. */
  maxDecodedBytes: number;
}

/** JSON bodies can be huge or deep: this many leaves at most become fields. */
const MAX_JSON_FIELDS = 2000;
/** Untyped bodies that look like `a=1&b=2` are read as forms, as most trackers' servers do. */
const LOOKS_LIKE_FORM = /^[^{[\s][^\s]*=/;
const LOOKS_LIKE_JSON = /^\s*[{[]/;

export function queryFields(target: string): CaptureField[] {
  return parseQuery(splitTarget(target).rawQuery).map((p) => ({
    name: p.name,
    path: [p.name],
    value: p.value,
    rawValue: p.rawValue,
    source: 'query',
    anomalies: p.anomalies,
  }));
}

export function decodeCapture(request: RawRequest, options: DecodeCaptureOptions): DecodedCapture {
  const fields = queryFields(request.target);
  const contentType = headerValue(request.rawHeaders, 'content-type');
  const mediaType = mediaTypeOf(contentType);
  const result: DecodedCapture = { fields, body: request.body, mediaType, bodyKind: 'empty', json: null, bodyProblem: null, encodingError: null };
  if (request.body.length === 0) return result;
  result.bodyKind = 'other';
  const decoded = decodeContentEncoding(request.body, headerValue(request.rawHeaders, 'content-encoding'), options.maxDecodedBytes);
  result.body = decoded.bytes;
  if (decoded.error) {
    result.encodingError = decoded.error;
    result.bodyProblem = `body not decoded: ${decoded.error}`;
    return result;
  }
  const bytes = decoded.bytes;
  if (mediaType.startsWith('multipart/')) {
    result.bodyKind = 'multipart';
    const { parts } = parseMultipart(bytes, contentType ?? '');
    for (const part of parts) {
      if (part.name === null || part.text === null) continue;
      fields.push({ name: part.name, path: [part.name], value: part.text, rawValue: null, source: 'multipart', anomalies: [] });
    }
    // A malformed multipart body still yields the parts read before the damage; the body view names the error.
    return result;
  }
  const text = decodeText(bytes, charsetOf(contentType)).text;
  if (mediaType === 'application/x-www-form-urlencoded' || (mediaType === '' && LOOKS_LIKE_FORM.test(text))) {
    result.bodyKind = 'form';
    for (const p of parseQuery(bytesToBinaryString(bytes))) {
      fields.push({ name: p.name, path: [p.name], value: p.value, rawValue: p.rawValue, source: 'form', anomalies: p.anomalies });
    }
    return result;
  }
  const declaredJson = mediaType.endsWith('json');
  if (!declaredJson && !LOOKS_LIKE_JSON.test(text)) return result;
  try {
    result.json = parseJson(text);
    result.bodyKind = 'json';
  } catch (error) {
    if (declaredJson) result.bodyProblem = `JSON body does not parse: ${(error as Error).message}`;
    return result;
  }
  for (const { path, node } of scalarLeaves(result.json, MAX_JSON_FIELDS)) {
    const value = node.type === 'null' ? '' : valueText(node);
    fields.push({
      name: path.join('.'),
      path,
      value,
      rawValue: text.slice(node.start, node.end),
      source: 'json',
      anomalies: value === '' ? ['empty-value'] : [],
      jsonType: node.type as CaptureField['jsonType'],
    });
  }
  return result;
}
