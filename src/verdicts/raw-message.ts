import type { PostbackRequest } from '../checks/postback-fields.js';
import type { RawHeaders } from '../model/exchange.js';

export interface ParsedMessage {
  request: PostbackRequest;
  /** From an absolute-form request line (`GET https://host/pb?… HTTP/1.1`). */
  fullUrl: string | null;
  notes: string[];
}

export class RawMessageError extends Error {
  override name = 'RawMessageError';
}

/**
 * Reads a raw HTTP/1.1 request message (request line, headers, blank line, body), exactly what
 * GET /api/exchanges/:id/raw returns. Also tolerates bare LF line ends and a trailing newline an
 * editor added to a saved file, since people paste and save these by hand.
 */
export function parseRawMessage(input: Buffer): ParsedMessage {
  const notes: string[] = [];
  let skip = 0;
  while (input[skip] === 0x0d || input[skip] === 0x0a) skip++;
  const bytes = input.subarray(skip);
  const crlf = bytes.indexOf('\r\n\r\n');
  const lf = bytes.indexOf('\n\n');
  const [headEnd, sepLength] = crlf >= 0 && (lf < 0 || crlf < lf) ? [crlf, 4] : lf >= 0 ? [lf, 2] : [bytes.length, 0];
  // latin1: one char per byte, the store's binary-string convention for targets and header values.
  const head = bytes.subarray(0, headEnd).toString('latin1');
  const lines = head.split(/\r?\n/);
  const requestLine = lines.shift() ?? '';
  const m = /^([A-Za-z]+) (\S+) HTTP\/(\d\.\d)$/.exec(requestLine.trim());
  // Errors describe lines without quoting them: a mistaken file (a secret, a token header) must not end up in a CI log.
  if (!m) throw new RawMessageError(`the first line (${requestLine.length} characters) is not an HTTP/1.x request line "METHOD target HTTP/1.1"`);
  const rawHeaders: RawHeaders = [];
  for (const [index, line] of lines.entries()) {
    if (/^[ \t]/.test(line) && rawHeaders.length > 0) {
      // Obsolete line folding: one header value continued on the next line.
      rawHeaders[rawHeaders.length - 1]![1] += ' ' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new RawMessageError(`line ${index + 2} is not a header line "Name: value"`);
    rawHeaders.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  const rest = sepLength === 0 ? Buffer.alloc(0) : bytes.subarray(headEnd + sepLength);
  const body = readBody(rest, rawHeaders, m[1]!.toUpperCase(), notes);
  let target = m[2]!;
  let fullUrl: string | null = null;
  const absolute = /^(https?:\/\/[^/?#]+)(.*)$/i.exec(target);
  if (absolute) {
    fullUrl = target;
    target = absolute[2] || '/';
  }
  return { request: { method: m[1]!.toUpperCase(), target, rawHeaders, body }, fullUrl, notes };
}

function header(headers: RawHeaders, name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

function readBody(rest: Buffer, headers: RawHeaders, method: string, notes: string[]): Buffer {
  if (/chunked/i.test(header(headers, 'transfer-encoding') ?? '')) return dechunk(rest);
  const declared = header(headers, 'content-length');
  if (declared !== undefined) {
    if (!/^\d+$/.test(declared)) throw new RawMessageError(`Content-Length ${JSON.stringify(declared)} is not a number`);
    const length = Number(declared);
    if (rest.length < length) throw new RawMessageError(`the body is ${rest.length} bytes but Content-Length says ${length}: the message is cut short`);
    if (rest.length > length) notes.push(`${rest.length - length} byte(s) after the Content-Length body were ignored`);
    return rest.subarray(0, length);
  }
  if ((method === 'GET' || method === 'HEAD') && /^\s*$/.test(rest.toString('latin1'))) return Buffer.alloc(0);
  return rest;
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\n', at);
    if (lineEnd < 0) throw new RawMessageError('chunked body ends without its last (0) chunk');
    const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1').trim().split(';')[0]!, 16);
    if (!Number.isFinite(size)) throw new RawMessageError('bad chunk size line');
    if (size === 0) return Buffer.concat(parts);
    const start = lineEnd + 1;
    if (start + size > data.length) throw new RawMessageError('a chunk is cut short');
    parts.push(data.subarray(start, start + size));
    at = start + size;
    if (data[at] === 0x0d) at++;
    if (data[at] === 0x0a) at++;
  }
}
