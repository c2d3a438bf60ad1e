import { performance } from 'node:perf_hooks';
import type { RawHeaders } from '../model/exchange.js';
import { buildBodyView } from '../decode/body-view.js';
import { searchableFieldsOf } from '../decode/searchable-fields.js';
import { decodeCapture, type DecodedCapture } from '../http/capture.js';
import { binaryStringToDisplay } from '../shared/binary-string.js';
import type { Db } from './open-database.js';

/** A committed capture as the indexer reads it. */
export interface PendingRow {
  id: number;
  direction: 'in' | 'out';
  method: string;
  target: string;
  raw_headers: string;
  body: Buffer;
  endpoint_id: number | null;
  correlation: string | null;
  rejected: string | null;
  response_headers: string | null;
  response_body: Buffer | null;
}

/** Response text beyond this is not searchable (as for request bodies, see searchable-fields.ts). */
const responseTextLimit = 64 * 1024;

/** Fills in a capture's correlation key when the acknowledgement path left it to us (null: none). */
export type Correlate = (row: PendingRow, rawHeaders: RawHeaders, decoded: DecodedCapture) => string | null;

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
  private readonly deleteText;
  private readonly deleteParams;
  private readonly saveProgress;
  private readonly setCorrelation;
  private readonly exists;
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
      /** Reads the default correlation of captures that have none yet, in the same pass. */
      correlate?: Correlate;
    },
  ) {
    this.indexedThrough = Number(db.prepare(`SELECT value FROM meta WHERE key = 'indexed_through'`).pluck().get() ?? 0);
    this.pending = db.prepare(`SELECT id, direction, method, target, raw_headers, body, endpoint_id, correlation, rejected, response_headers, response_body FROM exchanges WHERE id > ? ORDER BY id LIMIT ?`);
    this.exists = db.prepare(`SELECT 1 FROM exchanges WHERE id = ?`).pluck();
    this.setCorrelation = db.prepare(`UPDATE exchanges SET correlation = ? WHERE id = ?`);
    this.insertParam = db.prepare(`INSERT INTO exchange_params (exchange_id, name, value) VALUES (?, ?, ?)`);
    this.insertText = db.prepare(`INSERT INTO exchange_text (rowid, url, body, headers, response) VALUES (?, ?, ?, ?, ?)`);
    this.deleteText = db.prepare(`DELETE FROM exchange_text WHERE rowid = ?`);
    this.deleteParams = db.prepare(`DELETE FROM exchange_params WHERE exchange_id = ?`);
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

  /** Indexes one batch (of at most `maxRows`, default the batch size); true when more rows are waiting. */
  runBatch(maxRows = this.options.batchSize): boolean {
    if (this.closed) return false;
    const limit = Math.min(maxRows, this.options.batchSize);
    const rows = this.pending.all(this.indexedThrough, limit) as PendingRow[];
    if (rows.length === 0) return false;
    const started = performance.now();
    const budget = this.options.budgetMs ?? Infinity;
    // Decoding happens before the write transaction: the lock is shared with the receiver's group
    // commit, so it is held only for the inserts themselves.
    const prepared: PreparedRow[] = [];
    for (const row of rows) {
      prepared.push(this.prepareRow(row));
      if (performance.now() - started > budget) break;
    }
    const last = prepared[prepared.length - 1]!.id;
    this.db
      .transaction(() => {
        for (const row of prepared) this.writeRow(row);
        this.saveProgress.run(String(last));
      })
      .immediate();
    const more = last !== rows[rows.length - 1]!.id || rows.length === limit;
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

  /** Captures indexed so far (by id). */
  get progress(): number {
    return this.indexedThrough;
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
    this.indexedThrough = this.maxIdStatement.get() as number;
    this.saveProgress.run(String(this.indexedThrough));
  }

  close(): void {
    this.closed = true;
  }

  private prepareRow(row: PendingRow): PreparedRow {
    const rawHeaders = JSON.parse(row.raw_headers) as RawHeaders;
    // Decoded once, for the params, the text and the default correlation.
    const decoded = decodeCapture({ method: row.method, target: row.target, rawHeaders, body: row.body }, { maxDecodedBytes: this.options.maxDecodedBytes });
    const fields = searchableFieldsOf(decoded, row.target, rawHeaders, row.body);
    const correlation = this.options.correlate && row.correlation === null ? this.options.correlate(row, rawHeaders, decoded) : null;
    const responseHeaders = row.response_headers ? (JSON.parse(row.response_headers) as RawHeaders) : [];
    const headers = headerLines(rawHeaders) + headerLines(responseHeaders);
    const response = row.response_body && row.response_body.length > 0 ? responseText(row.response_body, responseHeaders, this.options.maxDecodedBytes) : '';
    return { id: row.id, params: fields.params, url: fields.url, body: fields.body, headers, response, correlation };
  }

  private writeRow(row: PreparedRow): void {
    // Deleted while it was being decoded (outside the transaction): nothing to index.
    if (this.exists.get(row.id) === undefined) return;
    this.writeText(row);
    for (const [name, value] of row.params) this.insertParam.run(row.id, name, value);
    if (row.correlation !== null) this.setCorrelation.run(row.correlation, row.id);
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

interface PreparedRow {
  id: number;
  params: Array<[string, string]>;
  url: string;
  body: string;
  headers: string;
  response: string;
  correlation: string | null;
}

/** "name: value" lines; values are stored one char per byte, shown (and searched) as text. */
function headerLines(headers: RawHeaders): string {
  return headers.map(([name, value]) => `${name}: ${binaryStringToDisplay(value)}\n`).join('');
}

/** The decoded response body as text; binary or undecodable responses have none. */
function responseText(body: Buffer, headers: RawHeaders, maxDecodedBytes: number): string {
  const view = buildBodyView(body, headers, { maxDecodedBytes, textLimit: responseTextLimit });
  return view.decodeError ? '' : (view.text ?? '');
}
