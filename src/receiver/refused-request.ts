import type { Socket } from 'node:net';
import { CoreError, type ErrorCode } from '../errors.js';
import { splitTarget } from '../http/target.js';
import type { RawHeaders } from '../model/exchange.js';
import type { ExchangeRecord } from '../store/exchange-record.js';
import type { WireResponse } from './answer.js';

/** Most bytes of a refused request kept as evidence: enough for any head, not a free upload. */
export const maxRefusedBytes = 64 * 1024;

/** What Node's parser said, mapped to the status a client should see. */
export function refusalStatus(code: string | undefined): { status: number; reason: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, reason: 'the request head is larger than the receiver accepts' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, reason: 'the request did not arrive in time' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, reason: 'chunk extensions are larger than the receiver accepts' };
    default:
      return { status: 400, reason: 'not valid HTTP/1.1' };
  }
}

/** The answer written straight to the socket: the parser gave us no response object to use. */
export function refusalAnswer(status: number, detail: string, code: ErrorCode = status === 408 ? 'REQUEST_TIMEOUT' : 'MALFORMED_REQUEST'): WireResponse {
  const body = Buffer.from(JSON.stringify(new CoreError(code, detail).toJSON()));
  return { status, rawHeaders: [['Content-Type', 'application/json'], ['Connection', 'close']], body };
}

/** Sockets we answered and are ending: what the parser says about them afterwards (EOF mid-head) is moot. */
const ended = new WeakSet<Socket>();

export function answeredAndEnding(socket: Socket): boolean {
  return ended.has(socket);
}

export function writeRawAnswer(socket: Socket, answer: WireResponse): void {
  ended.add(socket);
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const head = [`HTTP/1.1 ${answer.status} ${statusText(answer.status)}`, ...answer.rawHeaders.map(([n, v]) => `${n}: ${v}`), `Content-Length: ${answer.body.length}`, '', ''].join('\r\n');
  socket.end(Buffer.concat([Buffer.from(head, 'latin1'), answer.body]));
}

/**
 * A request the parser refused, kept as evidence: the bytes it was reading when it refused (the
 * whole request when it came in one piece; the last chunk of a head too large) are the row's body,
 * verbatim and capped, since no part of them can be trusted to be a head; the request line and
 * headers are read leniently for the list and search only.
 */
export function refusedRecord(raw: Buffer, socket: Socket, rejected: 'malformed' | 'timeout', answer: WireResponse, answeredBy: string, tls: string | null = null): ExchangeRecord {
  const evidence = raw.length > maxRefusedBytes ? raw.subarray(0, maxRefusedBytes) : raw;
  const head = readHeadLeniently(evidence);
  return {
    direction: 'in',
    method: head.method,
    target: head.target,
    path: head.target.startsWith('/') ? splitTarget(head.target).path : '',
    httpVersion: head.httpVersion,
    rawHeaders: head.rawHeaders,
    contentType: null,
    body: Buffer.from(evidence),
    bodySize: raw.length,
    remoteAddress: socket.remoteAddress ?? '',
    remotePort: socket.remotePort ?? 0,
    receivedAt: Date.now(),
    durationMs: 0,
    rejected,
    response: answer,
    answeredBy,
    endpointId: null,
    correlation: null,
    tls,
  };
}

const maxShownLine = 8192;

/** Best effort and never throws: a refused request is by definition not well formed. */
function readHeadLeniently(bytes: Buffer): { method: string; target: string; httpVersion: string; rawHeaders: RawHeaders } {
  const end = bytes.indexOf('\r\n\r\n');
  const text = bytes.toString('latin1', 0, end < 0 ? bytes.length : end);
  const [requestLine = '', ...lines] = text.split(/\r?\n/);
  const [method = '', target = '', version = ''] = requestLine.split(' ');
  const rawHeaders: RawHeaders = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) rawHeaders.push([line.slice(0, colon).slice(0, maxShownLine), line.slice(colon + 1).trim().slice(0, maxShownLine)]);
  }
  return { method: method.slice(0, 32), target: target.slice(0, maxShownLine), httpVersion: /^HTTP\/(\d\.\d)$/.exec(version)?.[1] ?? '', rawHeaders };
}

function statusText(status: number): string {
  return { 400: 'Bad Request', 405: 'Method Not Allowed', 408: 'Request Timeout', 413: 'Content Too Large', 431: 'Request Header Fields Too Large' }[status] ?? 'Error';
}
