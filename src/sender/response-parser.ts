import type { RawHeaders } from '../model/exchange.js';
import { headerValue } from '../http/headers.js';

export interface ParsedHead {
  status: number;
  rawHeaders: RawHeaders;
  /** Bytes after the head. */
  rest: Buffer;
}

export type BodyFraming = { kind: 'none' } | { kind: 'length'; length: number } | { kind: 'chunked' } | { kind: 'close' };

/** Parses one response head from the bytes so far; null until it is complete. Throws on garbage. */
export function parseHead(data: Buffer): ParsedHead | null {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) {
    if (data.length > 64 * 1024) throw new Error('response head larger than 64 KiB');
    return null;
  }
  const lines = data.subarray(0, end).toString('latin1').split('\r\n');
  const statusLine = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(lines[0] ?? '');
  if (!statusLine) throw Object.assign(new Error(`not an HTTP/1.x response: ${JSON.stringify((lines[0] ?? '').slice(0, 40))}`), { code: 'EPROTO_HTTP' });
  const rawHeaders: RawHeaders = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) rawHeaders.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return { status: Number(statusLine[1]), rawHeaders, rest: data.subarray(end + 4) };
}

/** How the body of a response is delimited (RFC 9112 §6.3). */
export function framing(method: string, status: number, headers: RawHeaders): BodyFraming {
  if (method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200)) return { kind: 'none' };
  const te = headerValue(headers, 'transfer-encoding') ?? undefined;
  if (te && /chunked\s*$/i.test(te)) return { kind: 'chunked' };
  const length = headerValue(headers, 'content-length') ?? undefined;
  if (length !== undefined && /^\d+$/.test(length.trim())) return { kind: 'length', length: Number(length.trim()) };
  return { kind: 'close' };
}

/**
 * Decodes a complete chunked body from the bytes so far; null while chunks are still arriving.
 * Trailers are read and dropped (the transport keeps the content, not the framing).
 */
export function dechunk(data: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1').split(';')[0]!.trim(), 16);
    if (!Number.isFinite(size)) throw new Error('bad chunk size in response');
    at = lineEnd + 2;
    if (size === 0) {
      // Trailers end with an empty line.
      return data.indexOf('\r\n\r\n', at - 2) >= 0 ? Buffer.concat(parts) : null;
    }
    if (data.length < at + size + 2) return null;
    parts.push(data.subarray(at, at + size));
    at += size + 2;
  }
}
