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
  const declaredCharset = charsetOf(contentType);
  // Declared text is shown as text; undeclared bytes only when they really read as text.
  const textual = isTextualMedia(media) || (media !== 'application/octet-stream' && looksLikeText(bytes));
  if (!textual) {
    view.kind = 'binary';
    return view;
  }
  const capped = bytes.length > options.textLimit ? bytes.subarray(0, options.textLimit) : bytes;
  const decoded = decodeText(capped, declaredCharset);
  view.charset = decoded.charset;
  view.text = decoded.text;
  view.textTruncated = capped.length < bytes.length;
  if (decoded.note) view.decodeError = decoded.note;
  if (isJsonMedia(media) || (media === '' && /^\s*[[{]/.test(decoded.text))) {
    view.kind = 'json';
    if (!view.textTruncated) view.jsonError = jsonSyntaxError(decoded.text);
  } else if (media === 'application/x-www-form-urlencoded') {
    view.kind = 'form';
    view.form = parseQuery(bytesToBinaryString(bytes)).map((p) => [p.name, p.value]);
  } else {
    view.kind = 'text';
  }
  return view;
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
