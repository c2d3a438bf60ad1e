/**
 * Reading committed captures and turning them into what the search index stores: the decoding
 * half of the index stage, which needs no write lock. Kept apart from the writing half so it can
 * run in a thread of its own (src/pipeline/parallel-prepare.ts) while the derivation thread writes.
 */
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

/** One capture's index entries, ready to write (plain data: it may cross threads). */
export interface PreparedRow {
  id: number;
  params: Array<[string, string]>;
  url: string;
  body: string;
  headers: string;
  response: string;
  correlation: string | null;
}

/** Consecutive prepared captures: every committed row after the id they were read from, up to the last. */
export interface PreparedBatch {
  rows: PreparedRow[];
  /** More rows may be waiting after the last (the read hit its limit, or the time budget cut it). */
  full: boolean;
}

/** Fills in a capture's correlation key when the acknowledgement path left it to us (null: none). */
export type Correlate = (row: PendingRow, rawHeaders: RawHeaders, decoded: DecodedCapture) => string | null;

export interface IndexRowOptions {
  maxDecodedBytes: number;
  /** Longest one batch may spend decoding. */
  budgetMs?: number;
  /** Reads the default correlation of captures that have none yet, in the same pass. */
  correlate?: Correlate;
}

/** Response text beyond this is not searchable (as for request bodies, see searchable-fields.ts). */
const responseTextLimit = 64 * 1024;

export class IndexRowPreparer {
  private readonly pending;

  constructor(
    db: Db,
    private readonly options: IndexRowOptions,
  ) {
    this.pending = db.prepare(`SELECT id, direction, method, target, raw_headers, body, endpoint_id, correlation, rejected, response_headers, response_body FROM exchanges WHERE id > ? ORDER BY id LIMIT ?`);
  }

  /** The captures after `afterId`, at most `limit`, decoded; no rows when none is waiting. */
  prepareAfter(afterId: number, limit: number): PreparedBatch {
    const rows = this.pending.all(afterId, limit) as PendingRow[];
    const started = performance.now();
    const budget = this.options.budgetMs ?? Infinity;
    const prepared: PreparedRow[] = [];
    for (const row of rows) {
      prepared.push(this.prepareRow(row));
      if (performance.now() - started > budget) break;
    }
    return { rows: prepared, full: prepared.length < rows.length || rows.length === limit };
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
