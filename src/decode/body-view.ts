import type { BodyView, RawHeaders } from '../model/exchange.js';
import { charsetOf, decodeText, looksLikeText, mediaTypeOf } from './charset.js';
import { decodeContentEncoding } from './content-encoding.js';
import { parseMultipart } from './multipart.js';
import { headerValue } from '../http/headers.js';
import { parseQuery } from '../http/query.js';
import { bytesToBinaryString } from '../shared/binary-string.js';

export interface BodyViewOptions {
  maxDecodedBytes: number;
  /** Text beyond this is cut from the view (the UI offers "show anyway" via the body endpoint). */
  textLimit: number;
}

/** Kept at this path for the modules and tests that import it from here; it lives in src/http. */
export { headerValue };

/** Builds the display view of a body: decode, classify, parse. Never alters the stored bytes. */
export function buildBodyView(body: Buffer, headers: RawHeaders, options: BodyViewOptions): BodyView & { decoded: Buffer } {
  const contentType = headerValue(headers, 'content-type');
  const decompressed = decodeContentEncoding(body, headerValue(headers, 'content-encoding'), options.maxDecodedBytes);
  const bytes = decompressed.bytes;
  const view: BodyView & { decoded: Buffer } = {
    kind: 'empty',
    contentEncoding: decompressed.layers,
    decodedSize: bytes.length,
    decodeError: decompressed.error,
    charset: null,
    text: null,
    textTruncated: false,
    jsonError: null,
    form: null,
    multipart: null,
    decoded: bytes,
  };
  if (bytes.length === 0) return view;
  // A failed decode leaves compressed bytes: show them as binary, not as garbled text.
  if (decompressed.error) {
    view.kind = 'binary';
    return view;
  }
  const media = mediaTypeOf(contentType);
  if (media.startsWith('multipart/')) {
    const { parts, error } = parseMultipart(bytes, contentType ?? '');
    view.kind = 'multipart';
    view.multipart = parts;
    view.decodeError = error;
    return view;
  }
  const shown = textOf(bytes, contentType, options.textLimit);
  if (!shown) {
    view.kind = 'binary';
    return view;
  }
  view.charset = shown.charset;
  view.text = shown.text;
  view.textTruncated = shown.truncated;
  if (shown.note) view.decodeError = shown.note;
  if (isJsonMedia(media) || (media === '' && /^\s*[[{]/.test(shown.text))) {
    view.kind = 'json';
    if (!view.textTruncated) view.jsonError = jsonSyntaxError(shown.text);
  } else if (media === 'application/x-www-form-urlencoded') {
    view.kind = 'form';
    view.form = parseQuery(bytesToBinaryString(bytes)).map((p) => [p.name, p.value]);
  } else {
    view.kind = 'text';
  }
  return view;
}

/**
 * The body as text in its declared charset, cut at `limit`, or null when it is not text
 * (multipart, octet-stream, undeclared bytes that do not read as text).
 */
function textOf(bytes: Buffer, contentType: string | null, limit: number): { text: string; charset: string; note: string | null; truncated: boolean } | null {
  const media = mediaTypeOf(contentType);
  if (media.startsWith('multipart/')) return null;
  // Declared text is shown as text; undeclared bytes only when they really read as text.
  const textual = isTextualMedia(media) || (media !== 'application/octet-stream' && looksLikeText(bytes));
  if (!textual) return null;
  const capped = bytes.length > limit ? bytes.subarray(0, limit) : bytes;
  return { ...decodeText(capped, charsetOf(contentType)), truncated: capped.length < bytes.length };
}

/** Text of an already-decoded body for full-text search, or null when it is not text. */
export function bodyText(decoded: Buffer, headers: RawHeaders, limit: number): string | null {
  if (decoded.length === 0) return null;
  return textOf(decoded, headerValue(headers, 'content-type'), limit)?.text ?? null;
}

function isJsonMedia(media: string): boolean {
  return media === 'application/json' || media.endsWith('+json') || media === 'text/json';
}

function isTextualMedia(media: string): boolean {
  return (
    media.startsWith('text/') ||
    isJsonMedia(media) ||
    media === 'application/x-www-form-urlencoded' ||
    media === 'application/xml' ||
    media.endsWith('+xml') ||
    media === 'application/javascript' ||
    media === 'application/graphql'
  );
}

function jsonSyntaxError(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
