import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { METHODS, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { CoreError, type ErrorCode } from '../errors.js';
import type { RawHeaders } from '../model/exchange.js';
import type { ExchangeRecord } from '../store/exchange-record.js';
import { splitTarget } from '../shared/query-params.js';
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

/**
 * The public catch-all: any method, any path. Capture happens in onRequest, before Fastify's
 * body parsing, so no content type is refused (415), no GET body is skipped and no byte is re-read.
 */
export function buildReceiver(options: ReceiverOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    routerOptions: { maxParamLength: 1 << 16 },
    exposeHeadRoutes: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // A bad percent-escape in the path is a fact to capture, not a 400 to answer.
    frameworkErrors: (_error, request, reply) => {
      void capture(request, reply, options);
    },
  });
  for (const method of METHODS) {
    if (!app.supportedMethods.includes(method)) app.addHttpMethod(method, { hasBody: true });
  }
  app.addHook('onRequest', async (request, reply) => {
    await capture(request, reply, options);
    return reply;
  });
  app.route({ method: app.supportedMethods, url: '*', handler: async (_request, reply) => reply });
  return app;
}

async function capture(request: FastifyRequest, reply: FastifyReply, options: ReceiverOptions): Promise<void> {
  const started = performance.now();
  const receivedAt = Date.now();
  const raw = request.raw;
  if (options.isPaused()) return refuse(reply, 'CAPTURE_PAUSED');

  const body = await readBody(raw, options.maxBodyBytes);
  const base = describe(raw, receivedAt);
  let record: ExchangeRecord;
  if (body.kind === 'too-large') {
    // Logged without its body (it is the thing we refused to buffer), then answered 413.
    record = { ...base, body: Buffer.alloc(0), bodySize: body.bytesSeen, rejected: 'body_too_large', durationMs: 0, response: null, answeredBy: 'receiver limit (413)' };
    const error = new CoreError('BODY_TOO_LARGE', `${body.bytesSeen} bytes > ${options.maxBodyBytes}`);
    const payload = Buffer.from(JSON.stringify(error.toJSON()));
    record.response = { status: 413, rawHeaders: [['Content-Type', 'application/json'], ['Connection', 'close']], body: payload };
    const committed = options.committer.enqueue(record);
    if (committed) await committed.catch((e: Error) => options.onError(`store: ${e.message}`));
    reply.raw.shouldKeepAlive = false;
    await send(reply, record.response);
    return;
  }
  if (body.kind === 'aborted') {
    // The client is gone: nothing to answer, but what arrived is still evidence.
    record = { ...base, body: body.body, bodySize: body.body.length, rejected: 'aborted', durationMs: performance.now() - started, response: null, answeredBy: null };
    options.committer.enqueue(record)?.catch((e: Error) => options.onError(`store: ${e.message}`));
    return;
  }

  const response = options.responder().respond({ method: base.method, target: base.target, path: base.path, rawHeaders: base.rawHeaders, body: body.body });
  record = {
    ...base,
    body: body.body,
    bodySize: body.body.length,
    rejected: null,
    durationMs: performance.now() - started,
    response: { status: response.status, rawHeaders: response.rawHeaders, body: response.body },
    answeredBy: response.answeredBy,
  };
  const committed = options.committer.enqueue(record);
  if (!committed) return refuse(reply, 'QUEUE_FULL');
  try {
    await committed;
  } catch (error) {
    options.onError(`store: ${(error as Error).message}`);
    return refuse(reply, 'STORE_FAILED');
  }
  await send(reply, record.response!);
}

function describe(raw: IncomingMessage, receivedAt: number): Omit<ExchangeRecord, 'body' | 'bodySize' | 'rejected' | 'durationMs' | 'response' | 'answeredBy'> {
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
    correlation: null,
  };
}

async function send(reply: FastifyReply, response: { status: number; rawHeaders: RawHeaders; body: Buffer }): Promise<void> {
  reply.code(response.status);
  for (const [name, value] of response.rawHeaders) {
    if (name.toLowerCase() !== 'content-length') reply.header(name, value);
  }
  await reply.send(response.body);
}

function refuse(reply: FastifyReply, code: ErrorCode): Promise<void> {
  const error = new CoreError(code);
  reply.code(error.status).header('Retry-After', '1').header('Content-Type', 'application/json');
  return reply.send(JSON.stringify(error.toJSON())) as unknown as Promise<void>;
}
