import { connect as netConnect, isIP, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { connect as tlsConnect } from 'node:tls';
import type { RawHeaders } from '../model/exchange.js';
import { dechunk, framing, parseHead, type BodyFraming, type ParsedHead } from './response-parser.js';
import { describeTarget, timeoutError, type WireOptions, type WireOutcome, type WireRequest, type WireResponse } from './transport.js';
import { describeWireError } from './wire-errors.js';
import { headerEntry, headerValue, headerValues } from '../http/headers.js';

const isChunked = (headers: RawHeaders): boolean => headerValues(headers, 'transfer-encoding').some((v) => /chunked/i.test(v));

/**
 * The header block exactly as the exact transport writes it: the given headers in order, casing
 * and duplicates kept. Only what would make the message wrong is touched: a Host header is added
 * (first) when there is none, and a Content-Length is set to the real body length in place
 * (appended when the body is not empty and has no framing header).
 */
export function exactSentHeaders(request: WireRequest): RawHeaders {
  const headers: RawHeaders = request.headers.map(([n, v]) => [n, v]);
  if (headerValue(headers, 'host') === null) headers.unshift(['Host', new URL(request.origin).host]);
  if (isChunked(headers)) return headers;
  const length = headerEntry(headers, 'content-length');
  if (length) length[1] = String(request.body.length);
  else if (request.body.length > 0) headers.push(['Content-Length', String(request.body.length)]);
  return headers;
}

/** The full request message: request line, headers, body (one chunk when Transfer-Encoding says chunked). */
export function exactMessage(request: WireRequest, headers: RawHeaders = exactSentHeaders(request)): Buffer {
  const head = `${request.method} ${request.target} HTTP/1.1\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
  const body = isChunked(headers)
    ? Buffer.concat([request.body.length ? Buffer.from(`${request.body.length.toString(16)}\r\n`) : Buffer.alloc(0), request.body, Buffer.from(request.body.length ? '\r\n0\r\n\r\n' : '0\r\n\r\n')])
    : request.body;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

/**
 * Writes the message byte for byte on a fresh socket and reads one response. Used for replays
 * (byte-exact: header order, casing, Host as captured) and for requests undici refuses to send
 * as given (Transfer-Encoding, Expect…). One connection per request: replays are few.
 */
export function sendExact(request: WireRequest, options: WireOptions): Promise<WireOutcome> {
  const started = performance.now();
  const url = new URL(request.origin);
  const secure = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (secure ? 443 : 80));
  const message = exactMessage(request);
  return new Promise<WireOutcome>((resolve) => {
    let socket: Socket;
    let received: Buffer = Buffer.alloc(0);
    let head: ParsedHead | null = null;
    let frame: BodyFraming | null = null;
    let settled = false;
    const finish = (response: WireResponse | null, error: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const durationMs = performance.now() - started;
      resolve(error ? { response: null, error: describeWireError(error, describeTarget(request.origin), options.timeoutMs), durationMs } : { response, error: null, durationMs });
    };
    const respond = (body: Buffer, truncated: boolean): void => {
      const kept = body.length > options.maxResponseBytes ? body.subarray(0, options.maxResponseBytes) : body;
      finish({ status: head!.status, rawHeaders: head!.rawHeaders, body: kept, truncated: truncated || kept.length < body.length }, null);
    };
    const progress = (ended: boolean): void => {
      try {
        // Skip interim 1xx responses (e.g. 100 Continue) until the final head.
        while (!head) {
          const parsed = parseHead(received);
          if (!parsed) break;
          if (parsed.status >= 100 && parsed.status < 200 && parsed.status !== 101) {
            received = parsed.rest;
            continue;
          }
          head = parsed;
          frame = framing(request.method, parsed.status, parsed.rawHeaders);
          received = parsed.rest;
        }
        if (!head || !frame) {
          if (ended) finish(null, Object.assign(new Error('connection closed before a response'), { code: 'ECONNRESET' }));
          return;
        }
        if (frame.kind === 'none') return respond(Buffer.alloc(0), false);
        if (frame.kind === 'length') {
          if (received.length >= frame.length) return respond(received.subarray(0, frame.length), false);
          if (received.length > options.maxResponseBytes) return respond(received, true);
        } else if (frame.kind === 'chunked') {
          const body = dechunk(received);
          if (body) return respond(body, false);
          if (received.length > options.maxResponseBytes * 2) return respond(received, true);
        } else if (received.length > options.maxResponseBytes) return respond(received, true);
        if (ended) {
          if (frame.kind === 'close') respond(received, false);
          else finish(null, Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' }));
        }
      } catch (error) {
        finish(null, error);
      }
    };
    const timer = setTimeout(() => finish(null, timeoutError()), options.timeoutMs);
    socket = secure
      ? tlsConnect({ host, port, servername: isIP(host) ? undefined : host, rejectUnauthorized: !options.insecureTls }, () => socket.write(message))
      : netConnect({ host, port }, () => socket.write(message));
    socket.on('data', (chunk: Buffer) => {
      received = received.length ? Buffer.concat([received, chunk]) : chunk;
      progress(false);
    });
    socket.on('end', () => progress(true));
    socket.on('error', (error) => finish(null, error));
    socket.on('close', () => progress(true));
  });
}
