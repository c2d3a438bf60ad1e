import { IndexRowPreparer, type Correlate, type PreparedBatch, type PreparedRow } from './index-rows.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from './open-database.js';

/** Rows per multi-row params INSERT (three variables each, far below SQLite's limit). */
const paramsPerInsert = 100;

export type { Correlate, PendingRow, PreparedRow } from './index-rows.js';

/**
 * Rows prepared somewhere else (another thread) ahead of the indexer. `take` answers the rows right
 * after `afterId`, at most `limit`, waiting for them if they were asked for; null when it has
 * nothing for that place (the indexer then prepares the rows itself). `prefetch` asks for the rows
 * after `afterId` to be prepared while the indexer writes the ones it has.
 */
export interface PreparedSource {
  take(afterId: number, limit: number): PreparedBatch | null;
  prefetch(afterId: number, limit: number): void;
}

/**
 * Fills the lookup tables (params, full text) after captures are committed, in batches driven by
 * the derivation thread, so the acknowledgement path never pays for indexing. It resumes from its
 * cursor in `meta` (e.g. after a crash).
 */
export class SearchIndexer {
  private indexedThrough: number;
  private closed = false;
  private readonly preparer: IndexRowPreparer;
  private readonly paramsInserts = new Map<number, Statement>();
  private readonly insertText;
  private readonly deleteText;
  private readonly deleteParams;
  private readonly saveProgress;
  private readonly setCorrelation;
  private readonly exists;
  private readonly maxIdStatement;

  constructor(
    private readonly db: Db,
    private readonly options: {
      batchSize: number;
      maxDecodedBytes: number;
      /** Longest one batch may hold the event loop before yielding. */
      budgetMs?: number;
      /** Reads the default correlation of captures that have none yet, in the same pass. */
      correlate?: Correlate;
      /** Prepares rows ahead in parallel; without it every row is prepared here, in the batch. */
      source?: PreparedSource;
    },
  ) {
    this.indexedThrough = Number(db.prepare(`SELECT value FROM meta WHERE key = 'indexed_through'`).pluck().get() ?? 0);
    this.preparer = new IndexRowPreparer(db, options);
    this.exists = db.prepare(`SELECT 1 FROM exchanges WHERE id = ?`).pluck();
    this.setCorrelation = db.prepare(`UPDATE exchanges SET correlation = ? WHERE id = ?`);
    this.insertText = db.prepare(`INSERT INTO exchange_text (rowid, url, body, headers, response) VALUES (?, ?, ?, ?, ?)`);
    this.deleteText = db.prepare(`DELETE FROM exchange_text WHERE rowid = ?`);
    this.deleteParams = db.prepare(`DELETE FROM exchange_params WHERE exchange_id = ?`);
    this.saveProgress = db.prepare(`UPDATE meta SET value = ? WHERE key = 'indexed_through'`);
    this.maxIdStatement = db.prepare(`SELECT coalesce(max(id), 0) FROM exchanges`).pluck();
  }

  /** Indexes one batch (of at most `maxRows`, default the batch size); true when more rows are waiting. */
  runBatch(maxRows = this.options.batchSize): boolean {
    if (this.closed) return false;
    const limit = Math.min(maxRows, this.options.batchSize);
    const source = this.options.source;
    // Decoding happens before the write transaction (here, or ahead in another thread): the lock is
    // shared with the receiver's group commit, so it is held only for the inserts themselves.
    const batch = source?.take(this.indexedThrough, limit) ?? this.preparer.prepareAfter(this.indexedThrough, limit);
    if (batch.rows.length === 0) return false;
    const last = batch.rows[batch.rows.length - 1]!.id;
    // The next rows are decoded while these are written.
    if (batch.full) source?.prefetch(last, this.options.batchSize);
    this.db
      .transaction(() => {
        const params: unknown[] = [];
        for (const row of batch.rows) this.writeRow(row, params);
        this.insertParams(params);
        this.saveProgress.run(String(last));
      })
      .immediate();
    this.indexedThrough = last;
    return batch.full;
  }

  /** Runs until caught up (used at close and by tests that need a consistent index). */
  drain(): void {
    while (this.runBatch()) {
      /* keep going */
    }
  }

  /** Captures indexed so far (by id). */
  get progress(): number {
    return this.indexedThrough;
  }

  /** After a clear, nothing is behind. */
  reset(): void {
    this.indexedThrough = this.maxIdStatement.get() as number;
    this.saveProgress.run(String(this.indexedThrough));
  }

  close(): void {
    this.closed = true;
  }

  /** Writes a row's text and correlation; its params join `params` (id, name, value, …) for one insert per batch. */
  private writeRow(row: PreparedRow, params: unknown[]): void {
    // Deleted while it was being decoded (outside the transaction): nothing to index.
    if (this.exists.get(row.id) === undefined) return;
    this.writeText(row);
    for (const [name, value] of row.params) params.push(row.id, name, value);
    if (row.correlation !== null) this.setCorrelation.run(row.correlation, row.id);
  }

  /**
   * Params go in as multi-row INSERTs of up to `paramsPerInsert` rows: one statement step per
   * chunk instead of one per param (a 1 KB JSON postback has about nine).
   */
  private insertParams(values: readonly unknown[]): void {
    const rows = values.length / 3;
    for (let from = 0; from < rows; from += paramsPerInsert) {
      const count = Math.min(paramsPerInsert, rows - from);
      this.paramsInsert(count).run(values.slice(from * 3, (from + count) * 3));
    }
  }

  private paramsInsert(rows: number): Statement {
    let statement = this.paramsInserts.get(rows);
    if (!statement) {
      statement = this.db.prepare(`INSERT INTO exchange_params (exchange_id, name, value) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?)').join(', ')}`);
      this.paramsInserts.set(rows, statement);
    }
    return statement;
  }

  /**
   * The text row first: it is the one with a unique key. A row found already indexed (seen once
   * in a full test run, cause not pinned down) is indexed again from scratch rather than failing
   * the batch, which would stall the whole index on it forever.
   */
  private writeText(row: PreparedRow): void {
    try {
      this.insertText.run(row.id, row.url, row.body, row.headers, row.response);
    } catch (error) {
      if (!String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_CONSTRAINT')) throw error;
      this.deleteText.run(row.id);
      this.deleteParams.run(row.id);
      this.insertText.run(row.id, row.url, row.body, row.headers, row.response);
    }
  }
}
