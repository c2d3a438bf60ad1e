/**
 * Keeps facts and rollups current after commit, in batches, the way the search indexer and the
 * verdict worker do: never on the acknowledgement path, and a restart catches up from
 * meta.metrics_through. It follows the search index (it reads the indexed params), picks up
 * outbox changes from the trigger-fed metrics_dirty table, and re-counts on new verdicts,
 * deletes and imports.
 */
import type { Db } from '../store/open-database.js';
import type { RollupDelta } from './contribution.js';
import { BaseLoader } from './base-loader.js';
import type { ClockRule } from './clock-rule.js';
import { FactsStore } from './facts-store.js';
import { refreshFacts, type ExpectationsOf } from './refresh.js';

export interface WorkerOptions {
  /** Exchanges per catch-up batch: small enough that a backlog never holds the event loop for long. */
  batchSize: number;
  /** How often outbox changes (retries, deliveries) are looked for. */
  pollMs: number;
  /** When the next batch may run (the core paces it against capture load); default: next turn. */
  defer?: (run: () => void) => void;
  /** Clock skew and horizon of conversion times (default src/metrics/clock-rule.ts: 5 min, 30 days). */
  clock?: ClockRule;
}

export class MetricsWorker {
  private through: number;
  private scheduled = false;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly verdictIds = new Set<number>();
  private readonly goneIds = new Set<number>();
  private readonly keys = new Set<string>();
  private readonly listeners = new Set<(rows: RollupDelta[]) => void>();
  private readonly loader: BaseLoader;
  readonly store: FactsStore;
  private readonly readIndexed;
  private readonly saveThrough;
  private readonly takeDirty;
  private readonly dropDirty;
  private readonly behind;
  private readonly unjudged;

  constructor(
    private readonly db: Db,
    private readonly expectationsOf: ExpectationsOf,
    private readonly options: WorkerOptions,
  ) {
    this.through = Number(db.prepare(`SELECT value FROM meta WHERE key = 'metrics_through'`).pluck().get() ?? 0);
    this.loader = new BaseLoader(db);
    this.store = new FactsStore(db);
    this.readIndexed = db.prepare(`SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'indexed_through'`).pluck();
    this.saveThrough = db.prepare(`UPDATE meta SET value = ? WHERE key = 'metrics_through'`);
    this.takeDirty = db.prepare(`SELECT exchange_id FROM metrics_dirty LIMIT ?`).pluck();
    this.dropDirty = db.prepare(`DELETE FROM metrics_dirty WHERE exchange_id IN (SELECT value FROM json_each(?))`);
    this.behind = db.prepare(`SELECT count(*) FROM exchanges WHERE id > ?`).pluck();
    // Verdicts saved while facts were not looking (a crash between the two): re-read at start.
    this.unjudged = db.prepare(`SELECT f.exchange_id FROM metrics_facts f JOIN verdicts v ON v.exchange_id = f.exchange_id WHERE f.verdict IS NULL AND f.direction = 'in'`).pluck();
  }

  /** The configured clock rule as a refresh input field (absent: the default). */
  private clock(): { clock?: ClockRule } {
    return this.options.clock ? { clock: this.options.clock } : {};
  }

  start(): void {
    // Off the start path: on a big log this scan takes a moment, and nothing waits for it.
    setImmediate(() => {
      if (this.closed) return;
      for (const id of this.unjudged.all() as number[]) this.verdictIds.add(id);
      this.schedule();
    });
    this.timer = setInterval(() => this.schedule(), this.options.pollMs);
    this.timer.unref();
    this.schedule();
  }

  /** Asks for a run soon; many calls in one tick make one run. */
  schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    (this.options.defer ?? setImmediate)(() => {
      this.scheduled = false;
      if (this.runBatch()) this.schedule();
    });
  }

  verdictsChanged(ids: readonly number[]): void {
    for (const id of ids) this.verdictIds.add(id);
    this.schedule();
  }

  deleted(ids: readonly number[]): void {
    for (const id of ids) this.goneIds.add(id);
    this.schedule();
  }

  /** Keys whose expectations changed (an import added or removed). */
  relink(keys: readonly string[]): void {
    for (const k of keys) this.keys.add(k);
    this.schedule();
  }

  /** Everything was deleted: start over from the newest id. */
  cleared(maxId: number): void {
    this.db.transaction(() => {
      this.store.clearAll();
      this.through = maxId;
      this.saveThrough.run(String(maxId));
    }).immediate();
    this.verdictIds.clear();
    this.goneIds.clear();
  }

  onDelta(listener: (rows: RollupDelta[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  lag(): number {
    return this.behind.get(this.through) as number;
  }

  get progress(): number {
    return this.through;
  }

  /** One batch of changes, else of new exchanges; true when more is waiting. */
  runBatch(): boolean {
    if (this.closed) return false;
    const size = this.options.batchSize;
    const dirty = this.takeDirty.all(size) as number[];
    const changed = [...dirty, ...take(this.verdictIds, size)].filter((id) => id <= this.through);
    const gone = take(this.goneIds, size);
    const keys = take(this.keys, size);
    const indexed = Number(this.readIndexed.get() ?? 0);
    let more = dirty.length === size || this.verdictIds.size > 0 || this.goneIds.size > 0 || this.keys.size > 0;
    const deltas = this.db
      .transaction(() => {
        if (dirty.length) this.dropDirty.run(JSON.stringify(dirty));
        const out: RollupDelta[] = [];
        if (changed.length || gone.length || keys.length) {
          out.push(...refreshFacts(this.store, this.expectationsOf, { fresh: this.loader.loadIds([...new Set(changed)]), gone, keys, ...this.clock() }));
        }
        // New exchanges only once the search index has their params.
        if (indexed > this.through) {
          const fresh = this.loader.loadRange(this.through, indexed, size);
          if (fresh.length) {
            out.push(...refreshFacts(this.store, this.expectationsOf, { fresh, gone: [], ...this.clock() }));
            this.through = fresh[fresh.length - 1]!.id;
          } else this.through = indexed;
          this.saveThrough.run(String(this.through));
          more ||= fresh.length === size;
        }
        return out;
      })
      .immediate();
    if (deltas.length) for (const listener of this.listeners) listener(deltas);
    return more;
  }

  /** Runs until caught up with the search index (close, tests, the CLI). */
  drain(): void {
    while (this.runBatch()) {
      /* keep going */
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
  }
}

function take<T>(set: Set<T>, n: number): T[] {
  const out: T[] = [];
  for (const v of set) {
    if (out.length >= n) break;
    out.push(v);
    set.delete(v);
  }
  return out;
}
