import type { FastifyInstance, FastifyReply } from 'fastify';
import { CoreError, ErrorCatalogue, type ErrorCode } from '../errors.js';
import type { OutboxState } from '../model/sender.js';
import { parseBulkInput, parseReplayInput, parseSendInput } from '../sender/api-input.js';
import { importCurl } from '../sender/curl-import.js';
import { SenderInputError, SendRefusedError, type Sender } from '../sender/index.js';
import type { SenderEventMap } from '../sender/sender-events.js';
import { streamPaths } from '../shared/api/index.js';
import { handle } from './typed-route.js';
import { parseTemplateSpec } from '../sender/template-spec.js';

const states: readonly OutboxState[] = ['pending', 'in_flight', 'delivered', 'failed', 'cancelled', 'disabled'];
const heartbeatEveryMs = 15_000;

/** What the outbox routes need from the core beyond the sender. */
export interface SenderRouteDeps {
  /**
   * The core's one delete path (index, derived state, the Inbox's `deleted` event): clearing
   * sends deletes their out exchanges, and the outbox rows go with them (ON DELETE CASCADE).
   */
  deleteExchanges(ids: number[]): number[];
}

/**
 * The sender's control API: templates, send (and preview), replay, the outbox with its actions,
 * bulk runs, and a Server-Sent Events stream of sender events for the composer and outbox views.
 */
export function registerSenderRoutes(api: FastifyInstance, sender: Sender, deps: SenderRouteDeps): void {
  const id = (params: { id: string }, what: string): number => {
    const raw = params.id;
    if (!/^\d+$/.test(raw)) throw new CoreError('BAD_REQUEST', `"${raw}" is not ${what} id`);
    return Number(raw);
  };

  // Templates
  handle(api, 'listTemplates', async () => sender.templates.list());
  handle(api, 'createTemplate', async (request) => sender.templates.create(spec(request.body)));
  handle(api, 'getTemplate', async (request) => sender.templates.get(id(request.params, 'a template')) ?? notFound('template'));
  handle(api, 'updateTemplate', async (request) => sender.templates.update(id(request.params, 'a template'), spec(request.body)) ?? notFound('template'));
  handle(api, 'deleteTemplate', async (request) => {
    if (!sender.templates.delete(id(request.params, 'a template'))) notFound('template');
  });
  handle(api, 'importCurl', async (request, reply) => {
    const body = (request.body ?? {}) as { command?: unknown; save?: unknown };
    if (typeof body.command !== 'string') throw new CoreError('BAD_REQUEST', 'command must be the curl command line');
    const imported = guard(() => importCurl(body.command as string));
    if (body.save !== true) return imported;
    void reply.code(201);
    return { ...imported, saved: sender.templates.create(imported.template) };
  });

  // Send, preview, replay
  handle(api, 'previewSend', async (request) => guard(() => sender.preview(parseSendInput(request.body))));
  handle(api, 'send', async (request, reply) => attempt(reply, () => sender.send(parseSendInput(request.body))));
  handle(api, 'replayExchange', async (request, reply) => attempt(reply, () => sender.replay(id(request.params, 'an exchange'), parseReplayInput(request.body))));
  handle(api, 'listExchangeAttempts', async (request) => sender.attemptsForExchange(id(request.params, 'an exchange')));

  // Outbox
  handle(api, 'listOutbox', async (request) => {
    const q = request.query as Record<string, string | undefined>;
    const limit = Math.min(1000, Math.max(1, Number(q['limit'] ?? 100) || 100));
    const state = q['state'] as OutboxState | undefined;
    if (state !== undefined && !states.includes(state)) throw new CoreError('BAD_REQUEST', `state must be one of ${states.join(', ')}`);
    const items = sender.outbox({ limit, ...(state ? { state } : {}), ...(q['bulk'] ? { bulkId: q['bulk'] } : {}), ...(q['q'] ? { q: q['q'] } : {}), ...(q['before'] && /^\d+$/.test(q['before']) ? { beforeId: Number(q['before']) } : {}) });
    return { items, next: items.length === limit ? String(items[items.length - 1]!.id) : null };
  });
  registerOutboxBulkRoutes(api, sender, deps);
  handle(api, 'getOutboxItem', async (request) => sender.outboxItem(id(request.params, 'an outbox')) ?? notFound('outbox item'));
  handle(api, 'cancelSend', async (request) => {
    const outboxId = id(request.params, 'an outbox');
    if (!sender.cancel(outboxId)) conflictOrMissing(sender, outboxId, 'cancelled');
    return sender.outboxItem(outboxId)!.item;
  });
  handle(api, 'retrySend', async (request) => {
    const outboxId = id(request.params, 'an outbox');
    if (!sender.retryNow(outboxId)) conflictOrMissing(sender, outboxId, 'retried');
    return sender.outboxItem(outboxId)!.item;
  });
  handle(api, 'getSenderStatus', async () => sender.status());
  handle(api, 'listCircuits', async () => sender.circuits());
  handle(api, 'resetCircuit', async (request) => {
    if (!sender.resetCircuit(decodeURIComponent(request.params.key))) notFound('circuit');
  });

  // Bulk
  handle(api, 'startBulk', async (request, reply) => attempt(reply, async () => sender.bulk(parseBulkInput(request.body)).progress()));
  handle(api, 'getBulk', async (request) => {
    const run = sender.bulkRun(request.params.id) ?? notFound('bulk run');
    const progress = run.progress();
    return progress.done ? await run.done : progress;
  });
  handle(api, 'cancelBulk', async (request) => {
    const run = sender.bulkRun(request.params.id) ?? notFound('bulk run');
    run.cancel();
    return run.progress();
  });

  registerSenderEvents(api, sender);
}

/** Actions over many sends: retry the failed ones, clear the finished ones, each run's counts. */
function registerOutboxBulkRoutes(api: FastifyInstance, sender: Sender, deps: SenderRouteDeps): void {
  handle(api, 'listBulkRuns', async (request) => {
    const raw = (request.query as Record<string, string | undefined>)['limit'];
    return sender.bulkTallies(Math.min(500, Math.max(1, Number(raw ?? 50) || 50)));
  });
  handle(api, 'retryFailedSends', async (request) => ({ retried: sender.retryFailed(bulkIdOf(request.body)) }));
  handle(api, 'clearFinishedSends', async (request) => {
    const bulkId = bulkIdOf(request.body);
    return { deleted: deps.deleteExchanges(sender.finishedExchangeIds(bulkId, Date.now())).length };
  });
}

function bulkIdOf(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  if (typeof body !== 'object' || Array.isArray(body)) throw new CoreError('BAD_REQUEST', 'the request body must be a JSON object');
  const bulkId = (body as { bulkId?: unknown }).bulkId;
  if (bulkId === undefined || bulkId === null) return null;
  if (typeof bulkId !== 'string' || bulkId === '') throw new CoreError('BAD_REQUEST', 'bulkId must be a bulk run id');
  return bulkId;
}

/** GET /api/sender/events: `data: {"type": <event>, "payload": …}` per sender event (bulk postbacks only as progress). */
function registerSenderEvents(api: FastifyInstance, sender: Sender): void {
  const open = new Set<() => void>();
  api.addHook('onClose', async () => {
    for (const end of open) end();
  });
  api.get(streamPaths.senderEvents, { schema: { description: 'Server-Sent Events: outbox changes, attempts, bulk progress and summaries', tags: ['sender', 'events'] } }, (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    const forward = <K extends keyof SenderEventMap>(type: K) => (payload: SenderEventMap[K]) => {
      if (type === 'attempt' && (payload as SenderEventMap['attempt']).bulkId !== null) return;
      res.write(`data: ${JSON.stringify({ type, payload })}\n\n`);
    };
    const unsubscribe = [sender.on('outbox', forward('outbox')), sender.on('attempt', forward('attempt')), sender.on('bulk-progress', forward('bulk-progress')), sender.on('bulk-done', forward('bulk-done'))];
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatEveryMs);
    const end = (): void => {
      for (const stop of unsubscribe) stop();
      clearInterval(heartbeat);
      open.delete(end);
      res.end();
    };
    open.add(end);
    request.raw.on('close', end);
    res.write(': connected\n\n');
  });
}

function spec(body: unknown) {
  return guard(() => parseTemplateSpec(body));
}

/** Sender input errors become the catalogue's 400/404. */
function guard<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw toCoreError(error);
  }
}

function toCoreError(error: unknown): unknown {
  if (error instanceof SenderInputError) return new CoreError(error.kind === 'not-found' ? 'NOT_FOUND' : 'BAD_REQUEST', error.message);
  if (error instanceof CoreError) return error;
  // parseTemplateSpec and importCurl speak plain Errors about their input.
  if (error instanceof Error && !(error instanceof SendRefusedError)) return new CoreError('BAD_REQUEST', error.message);
  return error;
}

/** Runs a send; a refusal answers 422 with the problems and the preview so the UI can point at them. */
async function attempt<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SendRefusedError) {
      const code: ErrorCode = 'SEND_REFUSED';
      return reply.code(ErrorCatalogue[code].status).send({ error: { code, message: error.message, problems: error.problems }, preview: error.preview });
    }
    if (error instanceof SenderInputError) throw toCoreError(error);
    throw error;
  }
}

function notFound(what: string): never {
  throw new CoreError('NOT_FOUND', what);
}

function conflictOrMissing(sender: Sender, outboxId: number, action: string): never {
  const found = sender.outboxItem(outboxId);
  if (!found) notFound(`outbox item ${outboxId}`);
  throw new CoreError('BAD_REQUEST', `outbox item ${outboxId} is ${found.item.state} and cannot be ${action}`);
}
