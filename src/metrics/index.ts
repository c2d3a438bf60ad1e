/**
 * The metrics module's public face: the worker that keeps facts and rollups current after commit,
 * the KPI query, the failures table, expected-conversion imports and reconciliation.
 */
import type { CoreEvents } from '../events.js';
import type { Bucket, ExpectedCoverage, ExpectedImport, FailuresPage, MetricsEvent, MetricsFilter, MetricsResult, Reconciliation } from '../model/metrics.js';
import type { Db } from '../store/open-database.js';
import { parseExpected } from './expected-parse.js';
import { toDeltaRow } from './delta-row.js';
import { ExpectedStore } from './expected-store.js';
import { FailuresList, type FailuresQuery } from './failures.js';
import { MetricsWorker } from './metrics-worker.js';
import { MetricsQuery } from './query.js';
import { reconcile } from './reconcile.js';
import { ensureMetricsSchema } from './schema.js';
import { ProfileRecount } from './profile-recount.js';
import type { ClockRule } from './clock-rule.js';
import { collectReport, type ReportData } from '../interop/report-data.js';

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
  /**
   * When a conversion time is a clock problem (in the future beyond `skewMs`, older than
   * `horizonMs`): default 5 min and 30 days. Used by the worker on this thread.
   */
  clock?: ClockRule;
  /** Profile edits: the facts of the edited profile's exchanges are derived again (src/metrics/profile-recount.ts). */
  profiles?: { onChange(listener: (change: { profileId: number; kind: string }) => void): () => void };
}

export interface Metrics {
  query(filter: MetricsFilter, options?: { bucket?: Bucket | null; importId?: number | null }): MetricsResult;
  failures(query: FailuresQuery): FailuresPage;
  importExpected(name: string, text: string, format?: 'csv' | 'json' | 'auto'): ExpectedImport;
  imports(): ExpectedImport[];
  deleteImport(id: number): boolean;
  reconcile(importId: number, filter: MetricsFilter): Reconciliation | null;
  /** Everything the integration report shows (HTML, CSV, JSON render it). */
  report(filter: MetricsFilter, importId?: number | null): ReportData;
  /** Live rollup changes for the UI (GET /api/metrics/events). */
  onEvent(listener: (event: MetricsEvent) => void): () => void;
  /** Exchanges not yet counted. */
  lag(): number;
  /** Counts everything committed so far (tests, close, the CLI on a writable copy). */
  drain(): void;
  start(): void;
  close(): void;
}

/** Who keeps facts and rollups current after commit: the derivation thread, or a worker on this thread. */
interface Counting {
  lag(): number;
  relink(keys: string[]): void;
  drain(): void;
  start(emit: (event: MetricsEvent) => void, listening: () => boolean): void;
  close(): void;
}

export function createMetrics(deps: MetricsDeps): Metrics {
  const { db } = deps;
  if (!ensureMetricsSchema(db)) throw new Error('this data folder has an early metrics schema: start the app once to upgrade it');
  const expected = new ExpectedStore(db);
  const counting = deps.pipeline ? threadCounting(db, deps.pipeline, deps.events) : localCounting(deps, expected);
  const query = new MetricsQuery(db);
  const failures = new FailuresList(db);
  const listeners = new Set<(event: MetricsEvent) => void>();
  const recount = new ProfileRecount(db);
  let stopProfiles = (): void => undefined;
  const emit = (event: MetricsEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (a closed stream) must not stop the worker.
      }
    }
  };
  const coverage = db.prepare(`SELECT count(*) AS expected, coalesce(sum(EXISTS (SELECT 1 FROM metrics_facts f WHERE f.match_key = c.match_key AND f.direction = 'in'
      AND f.rejected = 0 AND f.reversal = 0 AND f.at >= @from AND f.at < @to AND (c.event IS NULL OR f.event IS NULL OR f.event = c.event))), 0) AS arrived
    FROM expected_conversions c WHERE c.import_id = @importId AND (c.conversion_at IS NULL OR (c.conversion_at >= @from AND c.conversion_at < @to))`);

  const metrics: Metrics = {
    query(filter, options = {}) {
      const result = query.run(filter, options.bucket ?? null, counting.lag());
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
      counting.relink(expected.keys(created.id));
      return created;
    },
    imports: () => expected.list(),
    deleteImport(id) {
      const keys = expected.keys(id);
      const deleted = expected.delete(id);
      if (deleted) counting.relink(keys);
      return deleted;
    },
    reconcile: (importId, filter) => (expected.get(importId) ? reconcile(db, expected, importId, filter) : null),
    report: (filter, importId = null) => collectReport(db, metrics, filter, importId),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lag: () => counting.lag(),
    drain: () => counting.drain(),
    start() {
      // A secret does not change what a fact says: only definition edits and deletions recount.
      stopProfiles = deps.profiles?.onChange((change) => change.kind !== 'secret' && change.kind !== 'created' && recount.profileChanged(change.profileId)) ?? stopProfiles;
      counting.start(emit, () => listeners.size > 0);
    },
    close() {
      stopProfiles();
      counting.close();
    },
  };
  return metrics;
}

/** The core's case: the derivation thread counts; this side relays its deltas and reads its lag. */
function threadCounting(db: Db, pipeline: { relink(keys: string[]): void }, events: MetricsDeps['events']): Counting {
  const behind = db.prepare(`SELECT count(*) FROM exchanges WHERE id > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'metrics_through')`).pluck();
  const unsubscribe: Array<() => void> = [];
  return {
    lag: () => behind.get() as number,
    relink: (keys) => pipeline.relink(keys),
    drain() {
      throw new Error('metrics are kept by the derivation thread: await core.derived.settle()');
    },
    start(emit, listening) {
      if (!events) return;
      unsubscribe.push(
        events.on('metrics-delta', (rows) => listening() && emit({ type: 'delta', rows })),
        events.on('cleared', () => emit({ type: 'reset' })),
      );
    },
    close() {
      for (const stop of unsubscribe.splice(0)) stop();
    },
  };
}

/** Tests, the report CLI and the bench: a worker on this thread, driven by the core's events if given. */
function localCounting(deps: MetricsDeps, expected: ExpectedStore): Counting {
  const worker = new MetricsWorker(deps.db, (keys) => expected.expectationsOf(keys), { batchSize: deps.batchSize ?? 500, pollMs: deps.pollMs ?? 250, ...(deps.defer ? { defer: deps.defer } : {}), ...(deps.clock ? { clock: deps.clock } : {}) });
  const maxId = deps.db.prepare(`SELECT coalesce(max(id), 0) FROM exchanges`).pluck();
  const unsubscribe: Array<() => void> = [];
  return {
    lag: () => worker.lag(),
    relink: (keys) => worker.relink(keys),
    drain: () => worker.drain(),
    start(emit, listening) {
      // Built only while someone listens: a catch-up of a million rows has no audience.
      worker.onDelta((rows) => listening() && emit({ type: 'delta', rows: rows.map(toDeltaRow) }));
      const events = deps.events;
      if (events) {
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


export type { FailuresQuery } from './failures.js';
