/**
 * The metrics module's public face: the worker that keeps facts and rollups current after commit,
 * the KPI query, the failures table, expected-conversion imports and reconciliation.
 */
import type { CoreEvents } from '../events.js';
import type { Bucket, DeltaRow, ExpectedCoverage, ExpectedImport, FailuresPage, MetricsEvent, MetricsFilter, MetricsResult, Reconciliation, Totals } from '../model/metrics.js';
import type { Db } from '../store/open-database.js';
import type { RollupDelta } from './contribution.js';
import { parseExpected } from './expected-parse.js';
import { ExpectedStore } from './expected-store.js';
import { FailuresList, type FailuresQuery } from './failures.js';
import { MetricsWorker } from './metrics-worker.js';
import { MetricsQuery } from './query.js';
import { reconcile } from './reconcile.js';
import { ensureMetricsSchema } from './schema.js';

export interface MetricsDeps {
  db: Db;
  /** The core's bus: new index progress, verdicts, deletes and clears drive the worker. */
  events?: Pick<CoreEvents, 'on'>;
  batchSize?: number;
  pollMs?: number;
  /** When background batches may run; default: next turn. */
  defer?: (run: () => void) => void;
  /**
   * The core's derivation thread: when given, it keeps facts and rollups and this module only
   * queries, imports and relays deltas. Without it (tests, the report CLI) a worker runs here.
   */
  pipeline?: { relink(keys: string[]): void };
}

export interface Metrics {
  query(filter: MetricsFilter, options?: { bucket?: Bucket | null; importId?: number | null }): MetricsResult;
  failures(query: FailuresQuery): FailuresPage;
  importExpected(name: string, text: string, format?: 'csv' | 'json' | 'auto'): ExpectedImport;
  imports(): ExpectedImport[];
  deleteImport(id: number): boolean;
  reconcile(importId: number, filter: MetricsFilter): Reconciliation | null;
  /** Live rollup changes for the UI (GET /api/metrics/events). */
  onEvent(listener: (event: MetricsEvent) => void): () => void;
  /** Exchanges not yet counted. */
  lag(): number;
  /** Counts everything committed so far (tests, close, the CLI on a writable copy). */
  drain(): void;
  start(): void;
  close(): void;
}

export function createMetrics(deps: MetricsDeps): Metrics {
  const { db } = deps;
  if (!ensureMetricsSchema(db)) throw new Error('this data folder has an early metrics schema: start the app once to upgrade it');
  const expected = new ExpectedStore(db);
  const pipeline = deps.pipeline;
  const worker = new MetricsWorker(db, (keys) => expected.expectationsOf(keys), { batchSize: deps.batchSize ?? 500, pollMs: deps.pollMs ?? 250, ...(deps.defer ? { defer: deps.defer } : {}) });
  const query = new MetricsQuery(db);
  const failures = new FailuresList(db);
  const listeners = new Set<(event: MetricsEvent) => void>();
  const emit = (event: MetricsEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (a closed stream) must not stop the worker.
      }
    }
  };
  // Built only while someone listens: a catch-up of a million rows has no audience.
  worker.onDelta((rows) => listeners.size > 0 && emit({ type: 'delta', rows: rows.map(toDeltaRow) }));
  const maxId = db.prepare(`SELECT coalesce(max(id), 0) FROM exchanges`).pluck();
  const coverage = db.prepare(`SELECT count(*) AS expected, coalesce(sum(EXISTS (SELECT 1 FROM metrics_facts f WHERE f.match_key = c.match_key AND f.direction = 'in'
      AND f.rejected = 0 AND f.at >= @from AND f.at < @to AND (c.event IS NULL OR f.event IS NULL OR f.event = c.event))), 0) AS arrived
    FROM expected_conversions c WHERE c.import_id = @importId AND (c.conversion_at IS NULL OR (c.conversion_at >= @from AND c.conversion_at < @to))`);
  const unsubscribe: Array<() => void> = [];
  const behind = db.prepare(`SELECT count(*) FROM exchanges WHERE id > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'metrics_through')`).pluck();
  const lag = (): number => (pipeline ? (behind.get() as number) : worker.lag());
  const relink = (keys: string[]): void => (pipeline ? pipeline.relink(keys) : worker.relink(keys));

  return {
    query(filter, options = {}) {
      const result = query.run(filter, options.bucket ?? null, lag());
      if (options.importId != null && expected.get(options.importId)) {
        const c = coverage.get({ importId: options.importId, from: filter.from, to: filter.to }) as { expected: number; arrived: number };
        const cov: ExpectedCoverage = { importId: options.importId, expected: c.expected, arrived: c.arrived, rate: c.expected ? c.arrived / c.expected : null };
        result.expectedImport = cov;
        // The receiver side's delivery rate is against the chosen list, not our own sends.
        result.receiver.deliveryRate = cov.rate;
      }
      return result;
    },
    failures: (q) => failures.list(q),
    importExpected(name, text, format = 'auto') {
      const created = expected.create(name, parseExpected(text, format));
      relink(expected.keys(created.id));
      return created;
    },
    imports: () => expected.list(),
    deleteImport(id) {
      const keys = expected.keys(id);
      const deleted = expected.delete(id);
      if (deleted) relink(keys);
      return deleted;
    },
    reconcile: (importId, filter) => (expected.get(importId) ? reconcile(db, expected, importId, filter) : null),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lag,
    drain: () => {
      // With the pipeline, waiting is `core.derived.settle()`.
      if (!pipeline) worker.drain();
    },
    start() {
      if (pipeline && deps.events) {
        unsubscribe.push(
          deps.events.on('metrics-delta', (rows) => listeners.size > 0 && emit({ type: 'delta', rows })),
          deps.events.on('cleared', () => emit({ type: 'reset' })),
        );
        return;
      }
      if (deps.events) {
        const events = deps.events;
        unsubscribe.push(
          events.on('indexed', () => worker.schedule()),
          events.on('verdicts', (items) => worker.verdictsChanged(items.map((v) => v.exchangeId))),
          events.on('deleted', (ids) => worker.deleted(ids)),
          events.on('cleared', () => {
            worker.cleared(maxId.get() as number);
            emit({ type: 'reset' });
          }),
        );
      }
      worker.start();
    },
    close() {
      for (const stop of unsubscribe.splice(0)) stop();
      worker.close();
    },
  };
}

export function toDeltaRow(r: RollupDelta): DeltaRow {
  const totals: Partial<Totals> = {};
  for (const [k, v] of Object.entries(r.totals)) if (v) totals[k as keyof Totals] = v;
  return { minute: r.bucket, direction: r.dims.direction, endpointId: r.dims.endpointId, profileId: r.dims.profileId, templateId: r.dims.templateId, totals, bins: r.bins };
}

export type { FailuresQuery } from './failures.js';
