import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreError, type ErrorCode } from '../errors.js';
import type { RawHeaders } from '../model/exchange.js';
import type { ExchangeRecord } from '../store/exchange-record.js';
import { splitTarget } from '../http/target.js';
import { misbehave, sendResponse } from './answer.js';
import type { GroupCommitter } from './group-commit.js';
import { readBody } from './read-body.js';
import type { MockResponse, Responder } from './responder.js';

export interface ReceiverOptions {
  maxBodyBytes: number;
  committer: GroupCommitter;
  responder: () => Responder;
  isPaused: () => boolean;
  onError: (message: string) => void;
}

export interface Receiver {
  /** Resolves to the URL it listens on. */
  listen(host: string, port: number): Promise<string>;
  /** Stops accepting, lets answers in flight finish (they wait for their commit), ends held sockets. */
  close(): Promise<void>;
}

type RequestFacts = Omit<ExchangeRecord, 'body' | 'bodySize' | 'rejected' | 'durationMs' | 'response' | 'answeredBy' | 'endpointId' | 'correlation'>;

/** Longest close() waits for keep-alive connections still mid-answer before cutting them. */
const closeGraceMs = 2000;

/**
 * The public catch-all: any method, any path, on Node's own HTTP server. Nothing sits between
 * the socket and the reply but reading the bytes, asking the responder, queueing the row and
 * waiting for its commit: no router, no body parser (nothing is refused as 415, no GET body is
 * skipped, no percent-escape is decoded), no derived work. Everything else happens after commit,
 * in the derivation pipeline's thread.
 */
export function buildReceiver(options: ReceiverOptions): Receiver {
  const hanging = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    capture(request, response, options, hanging).catch((error: Error) => {
      // A bug here must cost one answer, never the process.
      options.onError(`receiver: ${error.message}`);
      if (!response.headersSent && !response.destroyed) answerError(response, 'INTERNAL', error.message);
    });
  });
  return {
    listen: (host, port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host, port }, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${shownHost}:${address.port}`);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        for (const socket of hanging) socket.destroy();
        const idle = setInterval(() => server.closeIdleConnections(), 20);
        const cut = setTimeout(() => server.closeAllConnections(), closeGraceMs);
        server.close(() => {
          clearInterval(idle);
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

async function capture(request: IncomingMessage, response: ServerResponse, options: ReceiverOptions, hanging: Set<Socket>): Promise<void> {
  const started = performance.now();
  const receivedAt = Date.now();
  if (options.isPaused()) return refuse(response, 'CAPTURE_PAUSED');

  const body = await readBody(request, options.maxBodyBytes);
  const facts = describe(request, receivedAt);
  if (body.kind === 'too-large') return rejectTooLarge(response, facts, body.bytesSeen, options);
  if (body.kind === 'aborted') {
    // The client is gone: nothing to answer, but what arrived is still evidence.
    const record: ExchangeRecord = { ...facts, body: body.body, bodySize: body.body.length, rejected: 'aborted', durationMs: performance.now() - started, response: null, answeredBy: null, endpointId: null, correlation: null };
    options.committer.enqueue(record)?.catch((e: Error) => options.onError(`store: ${e.message}`));
    return;
  }

  const answer = decide(options, facts, body.body);
  const record: ExchangeRecord = {
    ...facts,
    body: body.body,
    bodySize: body.body.length,
    rejected: null,
    durationMs: performance.now() - started,
    response: answer.action ? null : { status: answer.status, rawHeaders: answer.rawHeaders, body: answer.body },
    answeredBy: answer.answeredBy,
    endpointId: answer.endpointId ?? null,
    correlation: answer.correlation ?? null,
  };
  const committed = options.committer.enqueue(record);
  if (!committed) return refuse(response, 'QUEUE_FULL');
  let id: number;
  try {
    id = await committed;
  } catch (error) {
    options.onError(`store: ${(error as Error).message}`);
    return refuse(response, 'STORE_FAILED');
  }
  answer.afterCommit?.(id);
  if (answer.delayMs) await sleep(answer.delayMs);
  // The client may have given up during a delay: nothing left to answer.
  const socket = request.socket;
  if (socket.destroyed) return;
  if (answer.action) return misbehave(socket, answer.action, hanging);
  sendResponse(response, record.response!);
}

function decide(options: ReceiverOptions, facts: RequestFacts, body: Buffer): MockResponse {
  try {
    return options.responder().respond({ method: facts.method, target: facts.target, path: facts.path, rawHeaders: facts.rawHeaders, body });
  } catch (error) {
    options.onError(`endpoint rules: ${(error as Error).message}`);
    return { status: 500, rawHeaders: [['Content-Type', 'text/plain']], body: Buffer.from(`rule error: ${(error as Error).message}`), answeredBy: 'rule error (500)' };
  }
}

async function rejectTooLarge(response: ServerResponse, facts: RequestFacts, bytesSeen: number, options: ReceiverOptions): Promise<void> {
  const error = new CoreError('BODY_TOO_LARGE', `${bytesSeen} bytes > ${options.maxBodyBytes}`);
  const answer = { status: 413, rawHeaders: [['Content-Type', 'application/json'], ['Connection', 'close']] as RawHeaders, body: Buffer.from(JSON.stringify(error.toJSON())) };
  // Logged without its body (the thing we refused to buffer), then answered 413.
  const record: ExchangeRecord = { ...facts, body: Buffer.alloc(0), bodySize: bytesSeen, rejected: 'body_too_large', durationMs: 0, response: answer, answeredBy: 'receiver limit (413)', endpointId: null, correlation: null };
  const committed = options.committer.enqueue(record);
  if (committed) await committed.catch((e: Error) => options.onError(`store: ${e.message}`));
  response.shouldKeepAlive = false;
  sendResponse(response, answer);
}

function describe(raw: IncomingMessage, receivedAt: number): RequestFacts {
  const target = raw.url ?? '/';
  const flat = raw.rawHeaders;
  const rawHeaders: RawHeaders = new Array(flat.length >> 1);
  for (let i = 0; i < flat.length; i += 2) rawHeaders[i >> 1] = [flat[i]!, flat[i + 1]!];
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
