import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreError, type ErrorCode } from '../errors.js';
import type { RawHeaders } from '../model/exchange.js';
import type { ExchangeRecord } from '../store/exchange-record.js';
import { listenOn } from '../http/listen.js';
import { splitTarget } from '../http/target.js';
import { injectedFailureHeader } from '../shared/injected-failure.js';
import { isOutOfSpace } from '../store/store-health.js';
import { misbehave, sendResponse, type Held } from './answer.js';
import { answerH2, withoutPseudoHeaders } from './h2-answer.js';
import type { GroupCommitter } from './group-commit.js';
import { readBody } from './read-body.js';
import { answeredAndEnding, refusalAnswer, refusalStatus, refusedRecord, writeRawAnswer } from './refused-request.js';
import type { MockResponse, Responder } from './responder.js';
import { closeServer, http1Limits } from './server-parts.js';

export interface ReceiverLimits {
  maxBodyBytes: number;
  /** Request line plus headers; larger heads are answered 431 and logged. */
  maxHeaderBytes: number;
  /** From the first byte until the head is complete. */
  headersTimeoutMs: number;
  /** No byte for this long while a body is owed. */
  bodyIdleTimeoutMs: number;
  /** From the first byte until the whole request has arrived (answer delays are not counted). */
  requestTimeoutMs: number;
  /** Open connections past this are refused at accept and counted. */
  maxConnections: number;
}

export interface ReceiverOptions {
  limits: ReceiverLimits;
  committer: GroupCommitter;
  responder: () => Responder;
  isPaused: () => boolean;
  /** A postback was turned away (503) because capture is paused. */
  onPausedRefusal?: () => void;
  onError: (message: string) => void;
}

export interface Receiver {
  /** Resolves to the URL it listens on. */
  listen(host: string, port: number): Promise<string>;
  /** Connections refused at accept because `maxConnections` were open. */
  refusedConnections(): number;
  /** Stops accepting, lets answers in flight finish (they wait for their commit), ends held sockets. */
  close(): Promise<void>;
}

/** Node's parser errors carry the bytes being parsed and llhttp's reason. */
type ParserError = NodeJS.ErrnoException & { rawPacket?: Buffer; reason?: string };

/** A request between its head and its answer: what a parser error on its socket must respect. */
interface ActiveRequest {
  response: ServerResponse;
  /** Set when Node's whole-request deadline cut the body short (we answered 408 on the socket). */
  cut: string | null;
  /** Its body is still arriving: a parser error now belongs to this request. */
  reading: boolean;
}
type ActiveRequests = WeakMap<Socket, ActiveRequest>;

type OutcomeKeys = 'body' | 'bodySize' | 'rejected' | 'durationMs' | 'response' | 'answeredBy' | 'endpointId' | 'correlation';
type RequestFacts = Omit<ExchangeRecord, OutcomeKeys>;
type CaptureOutcome = Pick<ExchangeRecord, OutcomeKeys>;

/**
 * One literal with every field, never `{ ...facts, ...outcome }`: on Node 20's V8 a spread
 * followed by more properties builds a fresh hidden class per object (about 1 µs a property),
 * which cost the acknowledgement path ~9 µs per capture, a third of its CPU.
 */
function captureRecord(facts: RequestFacts, outcome: CaptureOutcome): ExchangeRecord {
  return {
    direction: facts.direction,
    method: facts.method,
    target: facts.target,
    path: facts.path,
    httpVersion: facts.httpVersion,
    rawHeaders: facts.rawHeaders,
    contentType: facts.contentType,
    body: outcome.body,
    bodySize: outcome.bodySize,
    remoteAddress: facts.remoteAddress,
    remotePort: facts.remotePort,
    receivedAt: facts.receivedAt,
    durationMs: outcome.durationMs,
    rejected: outcome.rejected,
    response: outcome.response,
    answeredBy: outcome.answeredBy,
    endpointId: outcome.endpointId,
    correlation: outcome.correlation,
    tls: facts.tls ?? null,
  };
}

/** Node's header object is keyed in lower case: one lookup, no scan of the raw headers. */
const injectedFailureKey = injectedFailureHeader.toLowerCase();

/**
 * One capture path for every server the receiver runs (plain HTTP, HTTPS/h2): the request
 * handler and the state its refusals share. `tlsOf` is null for plain HTTP, so that path does no
 * TLS work at all; on TLS it returns the connection's facts as JSON, read once per connection.
 */
export interface CapturePath {
  handle: (request: IncomingMessage, response: ServerResponse) => void;
  hanging: Set<Held>;
  active: ActiveRequests;
  options: ReceiverOptions;
  tlsOf: TlsOf | null;
}

export type TlsOf = (socket: Socket) => string;

export function buildCapturePath(options: ReceiverOptions, tlsOf: TlsOf | null): CapturePath {
  const hanging = new Set<Held>();
  const active: ActiveRequests = new WeakMap();
  const path: CapturePath = {
    hanging,
    active,
    options,
    tlsOf,
    handle: (request, response) => {
      capture(request, response, path).catch((error: Error) => {
        // A bug here must cost one answer, never the process.
        options.onError(`receiver: ${error.message}`);
        if (!response.headersSent && !response.destroyed) answerError(response, 'INTERNAL', error.message);
      });
    },
  };
  return path;
}

/** The HTTP/1 server events both receivers answer the same way. */
type Http1Server = Pick<Server, 'on' | 'maxConnections' | 'maxHeadersCount'>;

/**
 * What makes a server a receiver beyond its handler: every header kept, the connection cap
 * counted, parser refusals and CONNECT logged. `notHttpYet` lets the TLS receiver drop handshake
 * failures before they are mistaken for HTTP parser errors. Returns the refused-connection count.
 */
export function hardenHttp1(server: Http1Server, path: CapturePath, notHttpYet?: (socket: Socket) => boolean): () => number {
  const { options } = path;
  // Every header is kept: the byte limit is what refuses a head, with 431 and a record.
  server.maxHeadersCount = 0;
  server.maxConnections = options.limits.maxConnections;
  let refused = 0;
  server.on('drop', () => refused++);
  server.on('clientError', (error: ParserError, socket: Socket) => {
    if (notHttpYet?.(socket)) return void socket.destroy();
    refuseUnparsed(error, socket, path);
  });
  server.on('connect', (request: IncomingMessage, socket: Socket) => refuseTunnel(request, socket, path));
  return () => refused;
}

/**
 * The public catch-all: any method, any path, on Node's own HTTP server. Nothing sits between
 * the socket and the reply but reading the bytes, asking the responder, queueing the row and
 * waiting for its commit: no router, no body parser (nothing is refused as 415, no GET body is
 * skipped, no percent-escape is decoded), no derived work. Everything else happens after commit,
 * in the derivation pipeline's thread.
 */
export function buildReceiver(options: ReceiverOptions): Receiver {
  const path = buildCapturePath(options, null);
  const server: Server = createServer(http1Limits(options.limits), path.handle);
  const refused = hardenHttp1(server, path);
  return {
    refusedConnections: refused,
    listen: (host, port) => listenOn(server, 'http', host, port),
    close: () => closeServer(server, path.hanging),
  };
}

async function capture(request: IncomingMessage, response: ServerResponse, path: CapturePath): Promise<void> {
  const started = performance.now();
  const receivedAt = Date.now();
  if (path.options.isPaused()) {
    path.options.onPausedRefusal?.();
    return refuse(response, 'CAPTURE_PAUSED');
  }

  // h2 streams share one connection and have no HTTP/1 parser behind them: they are their own path.
  if (request.httpVersionMajor === 2) return answerCapture(request, response, path, null, started, receivedAt);
  const socket = request.socket;
  // A request without a body is whole once its head is parsed: what the parser meets next is the next request.
  const owesBody = request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined;
  const state: ActiveRequest = { response, cut: null, reading: owesBody };
  path.active.set(socket, state);
  try {
    await answerCapture(request, response, path, state, started, receivedAt);
  } finally {
    if (path.active.get(socket) === state) path.active.delete(socket);
  }
}

async function answerCapture(request: IncomingMessage, response: ServerResponse, path: CapturePath, state: ActiveRequest | null, started: number, receivedAt: number): Promise<void> {
  const { options } = path;
  const body = await readBody(request, options.limits.maxBodyBytes, options.limits.bodyIdleTimeoutMs);
  if (state) state.reading = false;
  const facts = describe(request, receivedAt, path.tlsOf);
  if (body.kind === 'too-large') return rejectTooLarge(response, facts, body.bytesSeen, options);
  if (body.kind === 'idle' || (body.kind === 'aborted' && state?.cut)) {
    // Too slow: answered 408 (by us here, or by Node's whole-request deadline) and logged as far as it came.
    const reason = body.kind === 'idle' ? `no body byte for ${options.limits.bodyIdleTimeoutMs} ms` : state!.cut!;
    const answer = refusalAnswer(408, reason);
    const record = captureRecord(facts, { body: body.body, bodySize: body.body.length, rejected: 'timeout', durationMs: performance.now() - started, response: answer, answeredBy: `receiver timeout (408): ${reason}`, endpointId: null, correlation: null });
    logOnly(options, record);
    if (body.kind === 'idle') {
      response.shouldKeepAlive = false;
      sendResponse(response, answer);
    }
    return;
  }
  if (body.kind === 'aborted') {
    // The client is gone: nothing to answer, but what arrived is still evidence.
    const record = captureRecord(facts, { body: body.body, bodySize: body.body.length, rejected: 'aborted', durationMs: performance.now() - started, response: null, answeredBy: null, endpointId: null, correlation: null });
    logOnly(options, record);
    return;
  }

  const marker = request.headers[injectedFailureKey];
  const answer = decide(options, facts, body.body, typeof marker === 'string' ? marker : null);
  const record = captureRecord(facts, {
    body: body.body,
    bodySize: body.body.length,
    rejected: null,
    durationMs: performance.now() - started,
    response: answer.action ? null : { status: answer.status, rawHeaders: answer.rawHeaders, body: answer.body },
    answeredBy: answer.answeredBy,
    endpointId: answer.endpointId ?? null,
    correlation: answer.correlation ?? null,
  });
  const committed = options.committer.enqueue(record);
  if (!committed) return refuse(response, 'QUEUE_FULL');
  let id: number;
  try {
    id = await committed;
  } catch (error) {
    // Out of space is a state the status reports (and the client may retry later): 507, not 500.
    if (isOutOfSpace(error)) return refuse(response, 'STORE_FULL');
    options.onError(`store: ${(error as Error).message}`);
    return refuse(response, 'STORE_FAILED');
  }
  answer.afterCommit?.(id);
  if (answer.delayMs) await sleep(answer.delayMs);
  if (request.httpVersionMajor === 2) return answerH2(request as unknown as Http2ServerRequest, response, answer.action, record.response, path.hanging);
  // The client may have given up during a delay: nothing left to answer.
  const socket = request.socket;
  if (socket.destroyed) return;
  if (answer.action) return misbehave(socket, answer.action, path.hanging);
  sendResponse(response, record.response!);
}

/** Keeps a row whose answer does not wait for its commit (refusals, aborts): a store error is only reported. */
function logOnly(options: ReceiverOptions, record: ExchangeRecord): void {
  options.committer.enqueue(record)?.catch((e: Error) => options.onError(`store: ${e.message}`));
}

function decide(options: ReceiverOptions, facts: RequestFacts, body: Buffer, failureMarker: string | null): MockResponse {
  try {
    return options.responder().respond({ method: facts.method, target: facts.target, path: facts.path, rawHeaders: facts.rawHeaders, body, failureMarker });
  } catch (error) {
    options.onError(`endpoint rules: ${(error as Error).message}`);
    return { status: 500, rawHeaders: [['Content-Type', 'text/plain']], body: Buffer.from(`rule error: ${(error as Error).message}`), answeredBy: 'rule error (500)' };
  }
}

async function rejectTooLarge(response: ServerResponse, facts: RequestFacts, bytesSeen: number, options: ReceiverOptions): Promise<void> {
  const error = new CoreError('BODY_TOO_LARGE', `${bytesSeen} bytes > ${options.limits.maxBodyBytes}`);
  const answer = { status: 413, rawHeaders: [['Content-Type', 'application/json'], ['Connection', 'close']] as RawHeaders, body: Buffer.from(JSON.stringify(error.toJSON())) };
  // Logged without its body (the thing we refused to buffer), then answered 413.
  const record = captureRecord(facts, { body: Buffer.alloc(0), bodySize: bytesSeen, rejected: 'body_too_large', durationMs: 0, response: answer, answeredBy: 'receiver limit (413)', endpointId: null, correlation: null });
  const committed = options.committer.enqueue(record);
  if (committed) await committed.catch((e: Error) => options.onError(`store: ${e.message}`));
  response.shouldKeepAlive = false;
  sendResponse(response, answer);
}

/**
 * The HTTP parser refused bytes (or a deadline passed before a request was complete). Node would
 * answer 400/408/431 and forget it; we log what arrived as a rejected exchange and answer the same
 * status. A refusal behind a pipelined request still being answered waits for that answer, so the
 * wire shows both and the row of the first says what its client really got.
 */
function refuseUnparsed(error: ParserError, socket: Socket, path: CapturePath): void {
  const { options, active } = path;
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || socket.destroyed || answeredAndEnding(socket)) return void socket.destroy();
  const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const inFlight = active.get(socket);
  if (inFlight?.reading) {
    // The body was still arriving: the capture in flight logs it (cut by the deadline, or aborted).
    if (!timeout) return void socket.destroy();
    inFlight.cut = `the whole request took longer than ${options.limits.requestTimeoutMs} ms`;
    return writeRawAnswer(socket, refusalAnswer(408, inFlight.cut));
  }
  // A new connection that never sent a byte: nothing to log.
  if (timeout && socket.bytesRead === 0) return void socket.destroy();
  const { status, reason } = refusalStatus(error.code);
  const detail = timeout ? `the request head was not complete within ${options.limits.headersTimeoutMs} ms` : `${reason}: ${error.code ?? 'unknown'} (${error.reason ?? error.message})`;
  const answer = refusalAnswer(status, detail);
  const by = `${timeout ? 'receiver timeout' : 'HTTP parser'} (${status}): ${detail}`;
  const record = refusedRecord(error.rawPacket ?? Buffer.alloc(0), socket, timeout ? 'timeout' : 'malformed', answer, by, path.tlsOf ? path.tlsOf(socket) : null);
  const refuseNow = (): void => {
    logOnly(options, record);
    writeRawAnswer(socket, answer);
  };
  if (inFlight) inFlight.response.once('finish', refuseNow);
  else refuseNow();
}

/** CONNECT asks for a tunnel: the receiver is no proxy, so it answers 405 and logs the ask. */
function refuseTunnel(request: IncomingMessage, socket: Socket, path: CapturePath): void {
  const { options } = path;
  const answer = refusalAnswer(405, `CONNECT ${request.url ?? ''}`, 'NOT_A_PROXY');
  const record = captureRecord(describe(request, Date.now(), path.tlsOf), { body: Buffer.alloc(0), bodySize: 0, rejected: 'not_proxied', durationMs: 0, response: answer, answeredBy: 'receiver (405): CONNECT is not proxied', endpointId: null, correlation: null });
  logOnly(options, record);
  // h2 hands CONNECT over as (request, response): there is no raw socket to write to.
  if (request.httpVersionMajor === 2) return sendResponse(socket as unknown as ServerResponse, answer);
  writeRawAnswer(socket, { ...answer, rawHeaders: [['Allow', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'], ...answer.rawHeaders] });
}

function describe(raw: IncomingMessage, receivedAt: number, tlsOf: TlsOf | null): RequestFacts {
  const target = raw.url ?? '/';
  const flat = raw.rawHeaders;
  let rawHeaders: RawHeaders = new Array(flat.length >> 1);
  for (let i = 0; i < flat.length; i += 2) rawHeaders[i >> 1] = [flat[i]!, flat[i + 1]!];
  if (raw.httpVersionMajor === 2) rawHeaders = withoutPseudoHeaders(rawHeaders);
  const socket = raw.socket;
  return {
    direction: 'in',
    method: raw.method ?? 'GET',
    target,
    path: splitTarget(target).path,
    httpVersion: raw.httpVersion,
    rawHeaders,
    contentType: raw.headers['content-type'] ?? null,
    remoteAddress: socket.remoteAddress ?? '',
    remotePort: socket.remotePort ?? 0,
    receivedAt,
    tls: tlsOf === null ? null : tlsOf(socket),
  };
}

function refuse(response: ServerResponse, code: ErrorCode): void {
  const error = new CoreError(code);
  sendResponse(response, { status: error.status, rawHeaders: [['Retry-After', '1'], ['Content-Type', 'application/json']], body: Buffer.from(JSON.stringify(error.toJSON())) });
}

function answerError(response: ServerResponse, code: ErrorCode, detail: string): void {
  const error = new CoreError(code, detail);
  sendResponse(response, { status: error.status, rawHeaders: [['Content-Type', 'application/json']], body: Buffer.from(JSON.stringify(error.toJSON())) });
}
