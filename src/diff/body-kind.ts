/**
 * Decides how a body is compared: the declared Content-Type first (senders mean it), sniffing
 * when there is none or it says nothing useful. A body declared JSON that does not parse is
 * compared as text, with the parse error as a note, rather than hidden.
 */
import { JsonParseError, parseJson, type JsonNode } from '../http/json.js';
import type { BodyKind } from './types.js';
import { headerValue } from '../http/headers.js';

export interface ClassifiedBody {
  kind: BodyKind;
  /** Decoded text for every kind but 'binary'. */
  text: string | null;
  json: JsonNode | null;
  note: string | null;
}

export function parseContentType(value: string | null | undefined): { mediaType: string; charset: string | null } {
  if (!value) return { mediaType: '', charset: null };
  const [type = '', ...params] = value.split(';');
  let charset: string | null = null;
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(p);
    if (m?.[1]) charset = m[1].toLowerCase();
  }
  return { mediaType: type.trim().toLowerCase(), charset };
}

/** The Content-Type the side declares: the explicit field, else the first Content-Type header. */
export function declaredContentType(
  contentType: string | null | undefined,
  rawHeaders: ReadonlyArray<readonly [string, string]>,
): string | null {
  if (contentType !== undefined) return contentType;
  return headerValue(rawHeaders, 'content-type');
}

const TEXT_APPLICATION_TYPES = new Set([
  'application/xml',
  'application/javascript',
  'application/x-ndjson',
  'application/graphql',
]);

type Declared = 'json' | 'form' | 'text' | 'binary' | 'unknown';

function declaredKind(mediaType: string): Declared {
  if (mediaType === '') return 'unknown';
  if (mediaType === 'application/json' || mediaType === 'text/json' || mediaType.endsWith('+json')) return 'json';
  if (mediaType === 'application/x-www-form-urlencoded') return 'form';
  if (mediaType.startsWith('text/') || mediaType.endsWith('+xml') || mediaType.startsWith('multipart/')) return 'text';
  if (TEXT_APPLICATION_TYPES.has(mediaType)) return 'text';
  if (mediaType === 'application/octet-stream' || /^(image|audio|video|font)\//.test(mediaType)) return 'binary';
  if (/^application\/(zip|gzip|pdf|protobuf|x-protobuf|cbor|msgpack)/.test(mediaType)) return 'binary';
  return 'unknown';
}

/** Strict decode; null when the bytes are not text in that charset. A BOM is kept so a BOM-only difference shows. */
function decodeText(bytes: Uint8Array, charset: string | null): string | null {
  const options = { fatal: true, ignoreBOM: true };
  let decoder = new TextDecoder('utf-8', options); // also the fallback: UTF-8 is what senders mean
  if (charset) {
    try {
      decoder = new TextDecoder(charset, options);
    } catch {
      // unknown charset label: keep UTF-8
    }
  }
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Control characters other than tab, LF, CR, FF mean "not meant as text". */
const BINARY_CHARS = /[\x00-\x08\x0b\x0e-\x1f]/;

/**
 * `name=value&…` without whitespace, the first pair named. A loop, not one regex: the obvious
 * regex backtracks quadratically on a long segment that fails late (seconds on a 20 kB body).
 */
function looksLikeForm(text: string): boolean {
  if (/\s/.test(text)) return false;
  const segments = text.split('&');
  const first = segments[0] ?? '';
  return first.indexOf('=') > 0 && segments.every((seg) => !seg.startsWith('='));
}

export function classifyBody(bytes: Uint8Array, contentType: string | null): ClassifiedBody {
  if (bytes.length === 0) return { kind: 'empty', text: '', json: null, note: null };
  const { mediaType, charset } = parseContentType(contentType);
  const declared = declaredKind(mediaType);
  if (declared === 'binary') return binary();
  const text = decodeText(bytes, charset);
  if (text === null) {
    return binary(declared === 'unknown' ? null : `declared ${mediaType} but not valid ${charset ?? 'UTF-8'}`);
  }

  if (declared === 'json') {
    const parsed = tryJson(text);
    if (parsed instanceof JsonParseError) {
      return { kind: 'text', text, json: null, note: `declared JSON but invalid: ${parsed.message}` };
    }
    return { kind: 'json', text, json: parsed, note: null };
  }
  if (declared === 'form') return { kind: 'form', text, json: null, note: null };
  if (declared === 'text') return { kind: 'text', text, json: null, note: null };

  // Unknown type: sniff.
  if (BINARY_CHARS.test(text)) return binary();
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const parsed = tryJson(text);
    if (!(parsed instanceof JsonParseError)) return { kind: 'json', text, json: parsed, note: null };
  }
  if (looksLikeForm(trimmed)) return { kind: 'form', text, json: null, note: null };
  return { kind: 'text', text, json: null, note: null };
}

function binary(note: string | null = null): ClassifiedBody {
  return { kind: 'binary', text: null, json: null, note };
}

function tryJson(text: string): JsonNode | JsonParseError {
  try {
    return parseJson(text);
  } catch (e) {
    if (e instanceof JsonParseError) return e;
    throw e;
  }
}
