import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import { renderReportHtml } from '../interop/report-html.js';
import { reportSecretMask } from '../interop/report-redact.js';
import { renderReportCsv, renderReportJson } from '../interop/report-rows.js';
import { parseKinds, parseMetricsQuery } from '../metrics/filter-params.js';
import type { Metrics } from '../metrics/index.js';
import type { DeltaRow, MetricsEvent } from '../model/metrics.js';
import type { StoredSecret } from '../store/secrets-repository.js';
import { streamPaths } from '../shared/api/index.js';
import { handle } from './typed-route.js';

/** Live deltas are merged for this long: a bulk run of thousands a second becomes a few messages. */
const flushEveryMs = 250;
const heartbeatEveryMs = 15_000;

export interface MetricsRouteDeps {
  metrics: Metrics;
  /** The stored secrets in clear, which the report must mask. */
  secrets: () => ReadonlyArray<StoredSecret>;
}

type Query = Record<string, string | undefined>;

/** Bad query words become the catalogue's 400 with the field named. */
function parsed<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new CoreError('BAD_REQUEST', (error as Error).message);
  }
}

/**
 * Postback KPIs: GET /api/metrics (KPIs, percentiles, series, histogram), the failures table,
 * a live stream of rollup deltas, expected-conversion imports with reconciliation, and the
 * integration report (HTML, CSV, JSON).
 */
export function registerMetricsRoutes(api: FastifyInstance, deps: MetricsRouteDeps): void {
  const { metrics } = deps;
  if (!api.hasContentTypeParser('text/csv')) api.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  handle(api, 'getMetrics', async (request) => {
    const q = parsed(() => parseMetricsQuery(request.query as Query));
    return metrics.query(q.filter, { bucket: q.bucket, importId: q.importId });
  });

  handle(api, 'getMetricsFailures', async (request) => {
    const raw = request.query as Query;
    const q = parsed(() => parseMetricsQuery(raw));
    const kinds = parsed(() => parseKinds(raw['kind']));
    const limit = Math.min(1000, Math.max(1, Number(raw['limit'] ?? 100) || 100));
    const beforeId = raw['before'] && /^\d+$/.test(raw['before']) ? Number(raw['before']) : null;
    return metrics.failures({ ...q.filter, kinds, beforeId, limit });
  });

  const open = new Set<() => void>();
  api.addHook('onClose', async () => {
    for (const end of open) end();
  });
  api.get(streamPaths.metricsEvents, { schema: { description: 'Server-Sent Events: `data: {"type":"delta","rows":[…]}` rollup changes per 250 ms, `reset` after a clear', tags: ['metrics', 'events'] } }, (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    const pending = new Map<string, DeltaRow>();
    const write = (event: MetricsEvent): void => void res.write(`data: ${JSON.stringify(event)}\n\n`);
    const stop = metrics.onEvent((event) => {
      if (event.type !== 'delta') {
        pending.clear();
        return write(event);
      }
      for (const row of event.rows) merge(pending, row);
    });
    const timers = [
      setInterval(() => {
        if (pending.size === 0) return;
        write({ type: 'delta', rows: [...pending.values()] });
        pending.clear();
      }, flushEveryMs),
      setInterval(() => res.write(': keep-alive\n\n'), heartbeatEveryMs),
    ];
    const end = (): void => {
      stop();
      for (const t of timers) clearInterval(t);
      open.delete(end);
      res.end();
    };
    open.add(end);
    request.raw.on('close', end);
    res.write(': connected\n\n');
  });

  // Expected conversions and reconciliation
  handle(api, 'listExpectedImports', async () => metrics.imports());
  handle(api, 'importExpected', async (request) => {
    const body = request.body;
    const q = request.query as Query;
    let name = q['name'] ?? `import ${new Date().toISOString()}`;
    let text: string;
    let format: 'csv' | 'json' | 'auto' = 'auto';
    if (typeof body === 'string') text = body;
    else if (body && typeof body === 'object' && !Array.isArray(body) && typeof (body as { text?: unknown }).text === 'string') {
      const b = body as { text: string; name?: unknown; format?: unknown };
      text = b.text;
      if (typeof b.name === 'string' && b.name.trim()) name = b.name.trim();
      if (b.format === 'csv' || b.format === 'json') format = b.format;
    } else if (body !== undefined && body !== null) {
      text = JSON.stringify(body);
      format = 'json';
    } else throw new CoreError('BAD_REQUEST', 'send the expected conversions as CSV (text/csv) or JSON');
    const created = parsed(() => metrics.importExpected(name.slice(0, 200), text, format));
    return created;
  });
  handle(api, 'deleteExpectedImport', async (request) => {
    const raw = request.params.id;
    if (!/^\d+$/.test(raw) || !metrics.deleteImport(Number(raw))) throw new CoreError('NOT_FOUND', `expected-conversions import ${raw}`);
  });
  handle(api, 'getReconciliation', async (request) => {
    const q = parsed(() => parseMetricsQuery(request.query as Query));
    if (q.importId === null) throw new CoreError('BAD_REQUEST', 'import must name an expected-conversions import (GET /api/expected)');
    return metrics.reconcile(q.importId, q.filter) ?? notFound(`expected-conversions import ${q.importId}`);
  });

  // The integration report
  handle(api, 'getReport', async (request, reply) => {
    const raw = request.query as Query;
    const q = parsed(() => parseMetricsQuery(raw));
    const format = raw['format'] ?? 'html';
    if (!['html', 'csv', 'json'].includes(format)) throw new CoreError('BAD_REQUEST', 'format must be html, csv or json');
    const data = metrics.report(q.filter, q.importId);
    const mask = reportSecretMask(deps.secrets());
    const stamp = new Date(q.filter.from).toISOString().slice(0, 16).replace(/[:T]/g, '-');
    const types = { html: 'text/html; charset=utf-8', csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' } as const;
    const body = format === 'csv' ? renderReportCsv(data, mask) : format === 'json' ? renderReportJson(data, mask) : renderReportHtml(data, mask);
    return reply
      .type(types[format as keyof typeof types])
      .header('Content-Disposition', `attachment; filename="postback-report-${stamp}.${format}"`)
      // A report opened from the API must not run anything either.
      .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
      .send(body);
  });
}

function notFound(what: string): never {
  throw new CoreError('NOT_FOUND', what);
}

/** Deltas of one rollup row add up. */
function merge(into: Map<string, DeltaRow>, row: DeltaRow): void {
  const key = `${row.minute}|${row.direction}|${row.endpointId}|${row.profileId}|${row.templateId}`;
  const have = into.get(key);
  if (!have) return void into.set(key, { ...row, totals: { ...row.totals }, bins: { ...row.bins } });
  for (const [k, v] of Object.entries(row.totals)) (have.totals as Record<string, number>)[k] = ((have.totals as Record<string, number>)[k] ?? 0) + (v ?? 0);
  for (const [b, c] of Object.entries(row.bins)) have.bins[Number(b)] = (have.bins[Number(b)] ?? 0) + c;
}
