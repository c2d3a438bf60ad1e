import { performance } from 'node:perf_hooks';
import type { RawHeaders } from '../model/exchange.js';
import { searchableFields } from '../decode/searchable-fields.js';
import type { Db } from './open-database.js';

interface PendingRow {
  id: number;
  target: string;
  raw_headers: string;
  body: Buffer;
}

/**
 * Fills the lookup tables (params, full text) after captures are committed, in batches, so the
 * acknowledgement path never pays for indexing. It catches up on start too (e.g. after a crash).
 */
export class SearchIndexer {
  private indexedThrough: number;
  private scheduled = false;
  private closed = false;
  private readonly pending;
  private readonly insertParam;
  private readonly insertText;
  private readonly saveProgress;
  private readonly maxIdStatement;
  private readonly listeners = new Set<(through: number) => void>();

  constructor(
    private readonly db: Db,
    private readonly options: {
      batchSize: number;
      maxDecodedBytes: number;
      /** Longest one batch may hold the event loop before yielding. */
      budgetMs?: number;
      /** When the next batch may run (the core paces it against capture load); default: next turn. */
      defer?: (run: () => void) => void;
    },
  ) {
    this.indexedThrough = Number(db.prepare(`SELECT value FROM meta WHERE key = 'indexed_through'`).pluck().get() ?? 0);
    this.pending = db.prepare(`SELECT id, target, raw_headers, body FROM exchanges WHERE id > ? ORDER BY id LIMIT ?`);
    this.insertParam = db.prepare(`INSERT INTO exchange_params (exchange_id, name, value) VALUES (?, ?, ?)`);
    this.insertText = db.prepare(`INSERT INTO exchange_text (rowid, text) VALUES (?, ?)`);
    this.saveProgress = db.prepare(`UPDATE meta SET value = ? WHERE key = 'indexed_through'`);
    this.maxIdStatement = db.prepare(`SELECT coalesce(max(id), 0) FROM exchanges`).pluck();
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

  /** Indexes one batch; true when more rows are waiting. */
  runBatch(): boolean {
    if (this.closed) return false;
    const rows = this.pending.all(this.indexedThrough, this.options.batchSize) as PendingRow[];
    if (rows.length === 0) return false;
    const started = performance.now();
    const budget = this.options.budgetMs ?? Infinity;
    let last = this.indexedThrough;
    this.db.transaction(() => {
      for (const row of rows) {
        this.indexRow(row);
        last = row.id;
        if (performance.now() - started > budget) break;
      }
      this.saveProgress.run(String(last));
    })();
    const more = last !== rows[rows.length - 1]!.id || rows.length === this.options.batchSize;
    this.indexedThrough = last;
    for (const listener of this.listeners) listener(last);
    return more;
  }

  /** Runs until caught up (used at close and by tests that need a consistent index). */
  drain(): void {
    while (this.runBatch()) {
      /* keep going */
    }
  }

  /** Cheaper than lag(): is anything committed past what is indexed? */
  isBehind(): boolean {
    return this.maxIdStatement.get() as number > this.indexedThrough;
  }

  /** Ids are never reused, so the distance to the newest id is the backlog (a few deletes aside): no scan. */
  lag(): number {
    return Math.max(0, (this.maxIdStatement.get() as number) - this.indexedThrough);
  }

  onProgress(listener: (through: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** After a clear, nothing is behind. */
  reset(): void {
    this.indexedThrough = Number(this.db.prepare(`SELECT coalesce(max(id), 0) FROM exchanges`).pluck().get());
    this.saveProgress.run(String(this.indexedThrough));
  }

  close(): void {
    this.closed = true;
  }

  private indexRow(row: PendingRow): void {
    const fields = searchableFields(row.target, JSON.parse(row.raw_headers) as RawHeaders, row.body, this.options.maxDecodedBytes);
    for (const [name, value] of fields.params) this.insertParam.run(row.id, name, value);
    this.insertText.run(row.id, fields.text);
  }
}
