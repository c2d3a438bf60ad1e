import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { METHODS, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreError, type ErrorCode } from '../errors.js';
import type { RawHeaders } from '../model/exchange.js';
import type { ExchangeRecord } from '../store/exchange-record.js';
import { splitTarget } from '../shared/query-params.js';
import { misbehave, sendResponse } from './answer.js';
import type { GroupCommitter } from './group-commit.js';
import { readBody } from './read-body.js';
import type { Responder } from './responder.js';

export interface ReceiverOptions {
  maxBodyBytes: number;
  committer: GroupCommitter;
  responder: () => Responder;
  isPaused: () => boolean;
  onError: (message: string) => void;
}

type RequestFacts = Omit<ExchangeRecord, 'body' | 'bodySize' | 'rejected' | 'durationMs' | 'response' | 'answeredBy' | 'endpointId' | 'correlation'>;

/**
 * The public catch-all: any method, any path. Capture happens in onRequest, before Fastify's
 * body parsing, so no content type is refused (415), no GET body is skipped and no byte is re-read.
 */
export function buildReceiver(options: ReceiverOptions): FastifyInstance {
  const hanging = new Set<Socket>();
  const app = Fastify({
    logger: false,
    routerOptions: { maxParamLength: 1 << 16 },
    exposeHeadRoutes: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // A bad percent-escape in the path is a fact to capture, not a 400 to answer.
    frameworkErrors: (_error, request, reply) => {
      void capture(request, reply, options, hanging);
    },
  });
  for (const method of METHODS) {
    if (!app.supportedMethods.includes(method)) app.addHttpMethod(method, { hasBody: true });
  }
  app.addHook('onRequest', async (request, reply) => {
    await capture(request, reply, options, hanging);
    return reply;
  });
  // Sockets a "hang" rule holds would keep close() waiting forever.
  app.addHook('preClose', async () => {
    for (const socket of hanging) socket.destroy();
  });
  app.route({ method: app.supportedMethods, url: '*', handler: async (_request, reply) => reply });
  return app;
}

async function capture(request: FastifyRequest, reply: FastifyReply, options: ReceiverOptions, hanging: Set<Socket>): Promise<void> {
  const started = performance.now();
  const receivedAt = Date.now();
  const raw = request.raw;
  if (options.isPaused()) return refuse(reply, 'CAPTURE_PAUSED');

  const body = await readBody(raw, options.maxBodyBytes);
  const facts = describe(raw, receivedAt);
  if (body.kind === 'too-large') return rejectTooLarge(reply, facts, body.bytesSeen, options);
  if (body.kind === 'aborted') {
    // The client is gone: nothing to answer, but what arrived is still evidence.
    const record: ExchangeRecord = { ...facts, body: body.body, bodySize: body.body.length, rejected: 'aborted', durationMs: performance.now() - started, response: null, answeredBy: null, endpointId: null, correlation: null };
    options.committer.enqueue(record)?.catch((e: Error) => options.onError(`store: ${e.message}`));
    return;
  }

  let answer;
  try {
    answer = options.responder().respond({ method: facts.method, target: facts.target, path: facts.path, rawHeaders: facts.rawHeaders, body: body.body });
  } catch (error) {
    options.onError(`endpoint rules: ${(error as Error).message}`);
    answer = { status: 500, rawHeaders: [['Content-Type', 'text/plain']] as RawHeaders, body: Buffer.from(`rule error: ${(error as Error).message}`), answeredBy: 'rule error (500)' };
  }
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
  if (!committed) return refuse(reply, 'QUEUE_FULL');
  let id: number;
  try {
    id = await committed;
  } catch (error) {
    options.onError(`store: ${(error as Error).message}`);
    return refuse(reply, 'STORE_FAILED');
  }
  answer.afterCommit?.(id);
  if (answer.delayMs) await sleep(answer.delayMs);
  // The client may have given up during a delay: nothing left to answer.
  if (raw.socket.destroyed) return;
  if (answer.action) return misbehave(reply, answer.action, hanging);
  await sendResponse(reply, record.response!);
}

async function rejectTooLarge(reply: FastifyReply, facts: RequestFacts, bytesSeen: number, options: ReceiverOptions): Promise<void> {
  const error = new CoreError('BODY_TOO_LARGE', `${bytesSeen} bytes > ${options.maxBodyBytes}`);
  const response = { status: 413, rawHeaders: [['Content-Type', 'application/json'], ['Connection', 'close']] as RawHeaders, body: Buffer.from(JSON.stringify(error.toJSON())) };
  // Logged without its body (the thing we refused to buffer), then answered 413.
  const record: ExchangeRecord = { ...facts, body: Buffer.alloc(0), bodySize: bytesSeen, rejected: 'body_too_large', durationMs: 0, response, answeredBy: 'receiver limit (413)', endpointId: null, correlation: null };
  const committed = options.committer.enqueue(record);
  if (committed) await committed.catch((e: Error) => options.onError(`store: ${e.message}`));
  reply.raw.shouldKeepAlive = false;
  await sendResponse(reply, response);
}

function describe(raw: IncomingMessage, receivedAt: number): RequestFacts {
  const target = raw.url ?? '/';
  const rawHeaders: RawHeaders = [];
  for (let i = 0; i < raw.rawHeaders.length; i += 2) rawHeaders.push([raw.rawHeaders[i]!, raw.rawHeaders[i + 1]!]);
  return {
    direction: 'in',
    method: raw.method ?? 'GET',
    target,
    path: splitTarget(target).path,
    httpVersion: raw.httpVersion,
    rawHeaders,
    contentType: raw.headers['content-type'] ?? null,
    remoteAddress: raw.socket.remoteAddress ?? '',
    remotePort: raw.socket.remotePort ?? 0,
    receivedAt,
  };
}

function refuse(reply: FastifyReply, code: ErrorCode): Promise<void> {
  const error = new CoreError(code);
  reply.code(error.status).header('Retry-After', '1').header('Content-Type', 'application/json');
  return reply.send(JSON.stringify(error.toJSON())) as unknown as Promise<void>;
}
