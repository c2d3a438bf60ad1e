import type { FastifyInstance, FastifyReply } from 'fastify';
import { handle } from './typed-route.js';
import { buildBodyView } from '../decode/body-view.js';
import { CoreError } from '../errors.js';
import { detailFromStored, rawRequestMessage, summariesFromRows } from '../exchange-views.js';
import type { Core } from '../index.js';
import { enrich } from '../pipeline/announce.js';
import type { ExchangeDetail, ExchangePage } from '../model/exchange.js';
import { tunnelArrival } from '../tunnel/tunnel-arrival.js';
import type { StoredExchange } from '../store/exchange-record.js';
import type { ExchangeFilter } from '../store/exchanges-repository.js';
import { compileFilter } from '../store/filter-sql.js';
import { parseFilter } from '../shared/filter-language.js';

/** What the exchange routes use of the core: queries, the long-poll waiters, delete/clear, and the sender for where a sent exchange went. */
export type ExchangeRouteCore = Pick<Core, 'config' | 'exchanges' | 'waiters' | 'verdicts' | 'comparison' | 'derived' | 'tunnel' | 'sender' | 'deleteExchange' | 'clearExchanges'>;

type Query = Record<string, string | string[] | undefined>;

export function registerExchangeRoutes(api: FastifyInstance, core: ExchangeRouteCore): void {
  handle(api, 'listExchanges', async (request) => {
    const query = request.query as Query;
    const filter = filterFromQuery(query);
    // The same enriched rows the live stream pushes: verdict and baseline results ride along.
    const items = enrich(
      { verdicts: { summaries: (ids) => core.verdicts.summaries(ids) }, baselines: { resultsForMany: (ids) => core.comparison.baselines.resultsOfMany(ids) } },
      summariesFromRows(core.exchanges.list(filter), core.exchanges),
    );
    const page: ExchangePage = { items, next: items.length === filter.limit ? String(items[items.length - 1]!.id) : null };
    // Counted for the first page only: older pages belong to the same result, whose size is known.
    if (filter.beforeId === undefined) {
      const count = core.exchanges.countMatching(filter, totalCap);
      page.total = count.total;
      page.totalCapped = count.capped;
    }
    return page;
  });

  handle(api, 'listParamNames', async () => ({ names: core.exchanges.paramNames(maxParamNames) }));

  handle(api, 'waitForExchange', async (request) => {
    const query = request.query as Query;
    const params = paramsFromQuery(query);
    if (params.length === 0) throw new CoreError('BAD_REQUEST', 'give at least one param.<name>=<value>');
    const timeout = Number(query['timeout'] ?? 30000);
    const since = query['since'] === undefined ? undefined : Number(query['since']);
    // Subscribe first, then look back, so a postback landing in between is not missed.
    const pending = core.waiters.wait(params, timeout);
    request.raw.on('close', () => pending.cancel());
    const existing = unindexedMatch(core, params, since) ?? core.exchanges.list({ limit: 1, params, ...(since === undefined ? {} : { receivedFrom: since }) })[0]?.id;
    const found = existing !== undefined ? (pending.cancel(), core.exchanges.get(existing)) : await pending.promise;
    if (!found) throw new CoreError('WAIT_TIMEOUT', `after ${timeout} ms`);
    return withTunnel(core, found, detailFromStored(found, core.config.limits.maxDecodedBytes, core.exchanges.isDuplicate(found.correlation, found.id)));
  });

  handle(api, 'getExchange', async (request) => {
    const exchange = load(core, request.params);
    return withTunnel(core, exchange, detailFromStored(exchange, core.config.limits.maxDecodedBytes, core.exchanges.isDuplicate(exchange.correlation, exchange.id)));
  });

  handle(api, 'getExchangeBody', async (request, reply) => {
    const exchange = load(core, request.params);
    if ((request.query as Query)['decoded'] !== '1') return sendBytes(reply, exchange.body, 'application/octet-stream');
    const view = buildBodyView(exchange.body, exchange.rawHeaders, { maxDecodedBytes: core.config.limits.maxDecodedBytes, textLimit: 0 });
    // Never the compressed bytes under a 200 that promised decoded ones: say why, in the status and a header.
    if (view.decodeError) {
      reply.header('X-Decode-Error', view.decodeError.replace(/[^\x20-\x7e]/g, '?'));
      throw new CoreError('DECODE_FAILED', view.decodeError);
    }
    return sendBytes(reply, view.decoded, 'application/octet-stream');
  });

  handle(api, 'getExchangeRaw', async (request, reply) => sendBytes(reply, rawRequestMessage(load(core, request.params)), 'text/plain; charset=utf-8'));

  handle(api, 'deleteExchange', async (request) => {
    const id = parseId(request.params);
    if (!core.deleteExchange(id)) throw new CoreError('NOT_FOUND', `exchange ${id}`);
  });

  handle(api, 'clearExchanges', async (request) => {
    const through = Number((request.query as Record<string, unknown>)['through']);
    core.clearExchanges(Number.isSafeInteger(through) && through >= 0 ? through : undefined);
  });
}

/** Autocomplete needs the common names, not a dump of every odd field ever sent. */
const maxParamNames = 500;

/** Counting stops here: "10,000+ matching" is as useful as an exact figure and stays cheap. */
const totalCap = 10_000;

/** Also the filter of GET /api/exchanges.har: an export is exactly what the list shows. */
export function filterFromQuery(query: Query): ExchangeFilter {  const limit = Math.min(1000, Math.max(1, Number(first(query['limit']) ?? 100) || 100));
  const filter: ExchangeFilter = { limit, params: paramsFromQuery(query) };
  const before = first(query['before']);
  if (before !== undefined && /^\d+$/.test(before)) filter.beforeId = Number(before);
  for (const key of ['q', 'method', 'path', 'status'] as const) {
    const value = first(query[key]);
    if (value) filter[key] = value;
  }
  const endpoint = first(query['endpoint']);
  if (endpoint !== undefined && /^\d+$/.test(endpoint)) filter.endpointId = Number(endpoint);
  if (first(query['duplicate']) === '1') filter.duplicatesOnly = true;
  const direction = first(query['direction']);
  if (direction === 'in' || direction === 'out') filter.direction = direction;
  const expression = first(query['filter']);
  if (expression !== undefined && expression.trim() !== '') {
    const parsed = parseFilter(expression);
    if (!parsed.ok) {
      throw new CoreError('INVALID_FILTER', parsed.error.message, [{ field: 'filter', message: parsed.error.message }]);
    }
    filter.conditions = compileFilter(parsed.terms, Date.now());
  }
  return filter;
}

function paramsFromQuery(query: Query): Array<[string, string]> {
  const params: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(query)) {
    if (!key.startsWith('param.')) continue;
    for (const v of Array.isArray(value) ? value : [value ?? '']) params.push([key.slice('param.'.length), v]);
  }
  return params;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseId(params: unknown): number {
  const raw = (params as { id?: string }).id ?? '';
  if (!/^\d+$/.test(raw)) throw new CoreError('BAD_REQUEST', `"${raw}" is not an exchange id`);
  return Number(raw);
}

function load(core: ExchangeRouteCore, params: unknown): StoredExchange {
  const id = parseId(params);
  const exchange = core.exchanges.get(id);
  if (!exchange) throw new CoreError('NOT_FOUND', `exchange ${id}`);
  return exchange;
}

function sendBytes(reply: FastifyReply, bytes: Buffer, type: string): FastifyReply {
  return reply.header('Content-Type', type).header('Content-Length', String(bytes.length)).send(bytes);
}

/** Newest rows are not in the params index yet (it fills after commit, in another thread): read them directly. */
const maxUnindexedScan = 2000;

function unindexedMatch(core: ExchangeRouteCore, params: Array<[string, string]>, since: number | undefined): number | undefined {
  const rows = core.exchanges.newestAfter(core.derived.progress().indexedThrough, maxUnindexedScan);
  return core.waiters.firstMatch(since === undefined ? rows : rows.filter((r) => r.receivedAt >= since), params)?.id;
}

/**
 * The tunnel a capture came through, if any: derived when the detail is read, never on the
 * receiver's path. A sent exchange gets its destination instead (its URL is the partner's, not ours).
 */
function withTunnel(core: ExchangeRouteCore, stored: StoredExchange, detail: ExchangeDetail): ExchangeDetail {
  if (stored.direction === 'out') return { ...detail, destination: core.sender.destinationOf(stored.id) };
  const arrival = stored.direction === 'in' ? tunnelArrival(stored.rawHeaders, stored.remoteAddress, core.tunnel.status().publicUrl) : null;
  return arrival ? { ...detail, tunnel: arrival } : detail;
}
