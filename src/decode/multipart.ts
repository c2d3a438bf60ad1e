import type { MultipartPart, RawHeaders } from '../model/exchange.js';
import { looksLikeText } from './charset.js';
import { headerValue } from '../http/headers.js';

const partTextLimit = 64 * 1024;

/** Splits a multipart body into parts for display; malformed input yields what could be read plus an error. */
export function parseMultipart(body: Buffer, contentType: string): { parts: MultipartPart[]; error: string | null } {
  const boundaryMatch = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = boundaryMatch?.[1] ?? boundaryMatch?.[2];
  if (!boundary) return { parts: [], error: 'multipart body without a boundary parameter' };
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const parts: MultipartPart[] = [];
  let cursor = body.indexOf(delimiter);
  if (cursor < 0) return { parts, error: 'boundary not found in body' };
  while (cursor >= 0) {
    let start = cursor + delimiter.length;
    if (body.subarray(start, start + 2).toString('latin1') === '--') return { parts, error: null };
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    const next = body.indexOf(delimiter, start);
    if (next < 0) return { parts, error: 'closing boundary missing (body truncated?)' };
    // The CRLF before a delimiter belongs to the delimiter, not to the part.
    const end = body[next - 2] === 0x0d && body[next - 1] === 0x0a ? next - 2 : next;
    parts.push(parsePart(body.subarray(start, end)));
    cursor = next;
  }
  return { parts, error: null };
}

function parsePart(raw: Buffer): MultipartPart {
  const split = raw.indexOf('\r\n\r\n');
  const headerText = split < 0 ? '' : raw.subarray(0, split).toString('latin1');
  const content = split < 0 ? raw : raw.subarray(split + 4);
  const headers: RawHeaders = headerText
    .split('\r\n')
    .filter((line) => line.includes(':'))
    .map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon), line.slice(colon + 1).trim()];
    });
  const disposition = headerValue(headers, 'content-disposition') ?? '';
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? null;
  const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
  const text = content.length <= partTextLimit && looksLikeText(content) ? content.toString('utf8') : null;
  return { headers, name, filename, size: content.length, text };
}
