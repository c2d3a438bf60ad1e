import type { RawHeaders, RejectionCode } from '../model/exchange.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from './open-database.js';
import type { ExchangeRecord, StoredExchange } from './exchange-record.js';
import { duplicateSql } from './duplicate-sql.js';
import { registerFilterFunctions, statusParamCondition, textCondition, type SqlCondition } from './filter-sql.js';

export interface ExchangeFilter {
  limit: number;
  /** Keyset cursor: only ids below it (older). */
  beforeId?: number;
  /** Only ids above it (newer), e.g. for "what arrived since". */
  afterId?: number;
  direction?: 'in' | 'out';
  method?: string;
  path?: string;
  status?: string;
  q?: string;
  endpointId?: number;
  /** Only exchanges whose correlation key was seen before. */
  duplicatesOnly?: boolean;
  params?: Array<[string, string]>;
  receivedFrom?: number;
  /** Oldest first (exports page forward with `afterId`); the list API stays newest first. */
  ascending?: boolean;
  /** A compiled filter-language expression (see filter-sql.ts): every condition must hold. */
  conditions?: SqlCondition[];
}

/** Summary columns only: listing never reads bodies. */
export interface ExchangeRow {
  id: number;
  direction: 'in' | 'out';
  method: string;
  target: string;
  path: string;
  content_type: string | null;
  body_size: number;
  remote_address: string;
  received_at: number;
  duration_ms: number;
  rejected: RejectionCode | null;
  response_status: number | null;
  endpoint_id: number | null;
  /** 1 when an older exchange of the same direction has the same correlation key (duplicate-sql.ts). */
  duplicate: number;
}

interface FullRow extends Omit<ExchangeRow, 'duplicate'> {
  http_version: string;
  raw_headers: string;
  body: Buffer;
  remote_port: number;
  response_headers: string | null;
  response_body: Buffer | null;
  answered_by: string | null;
  correlation: string | null;
  tls: string | null;
}

const summaryColumns = `id, direction, method, target, path, content_type, body_size, remote_address, received_at, duration_ms, rejected, response_status, endpoint_id,
  ${duplicateSql} AS duplicate`;

/**
 * What the core lends its hosts (control routes, event stream, tests) of the exchange log: reads only.
 * Writes go through the core's own paths (group commit, import, delete, clear), which also tell the
 * derivation pipeline and the UI.
 */
export type ExchangeQueries = Pick<ExchangesRepository, 'list' | 'countMatching' | 'get' | 'isDuplicate' | 'paramNames' | 'paramsOf' | 'newestAfter' | 'count' | 'maxId'>;

export class ExchangesRepository {
  private readonly insertStatement;
  private readonly insertBatch;
  private readonly getStatement;
  private readonly newestAfterStatement;
  private readonly listIdsStatement;
  private readonly deleteStatement;
  private readonly deleteTextStatement;
  private readonly isDuplicateStatement;
  private readonly listStatements = new Map<string, Statement>();
  private cachedCount: number | null = null;
  private readonly countStatement;
  private readonly maxIdStatement;
  private readonly idsThroughStatement;

  constructor(private readonly db: Db) {
    this.insertStatement = db.prepare(`INSERT INTO exchanges (
        direction, method, target, path, http_version, raw_headers, content_type, body, body_size,
        remote_address, remote_port, received_at, duration_ms, rejected,
        response_status, response_headers, response_body, answered_by, endpoint_id, correlation, tls)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insert = this.insertStatement;
    this.insertBatch = db.transaction((batch: readonly ExchangeRecord[]) => batch.map((r) => Number(insert.run(...insertValues(r)).lastInsertRowid)));
    this.getStatement = db.prepare(`SELECT * FROM exchanges WHERE id = ?`);
    this.newestAfterStatement = db.prepare(`SELECT * FROM exchanges WHERE id > ? ORDER BY id DESC LIMIT ?`);
    this.listIdsStatement = db.prepare(`SELECT ${summaryColumns} FROM exchanges WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id DESC`);
    // The list rows' definition, so a detail never disagrees with its row.
    this.isDuplicateStatement = db.prepare(`SELECT ${duplicateSql} FROM exchanges WHERE id = ?`).pluck();
    this.deleteStatement = db.prepare(`DELETE FROM exchanges WHERE id = ?`);
    this.deleteTextStatement = db.prepare(`DELETE FROM exchange_text WHERE rowid = ?`);
    this.countStatement = db.prepare(`SELECT count(*) AS n FROM exchanges`).pluck();
    this.maxIdStatement = db.prepare(`SELECT coalesce(max(id), 0) FROM exchanges`).pluck();
    this.idsThroughStatement = db.prepare('SELECT id FROM exchanges WHERE id <= ? ORDER BY id').pluck();
    registerFilterFunctions(db);
  }

  /** Inserts a batch in one transaction: the group commit. Returns the new ids in order. */
  insertMany(records: readonly ExchangeRecord[]): number[] {
    // IMMEDIATE: take the write lock up front, so a derivation batch holding it makes this wait
    // at BEGIN (busy timeout) instead of failing halfway with SQLITE_BUSY on a read-to-write upgrade.
    const ids = this.insertBatch.immediate(records);
    if (this.cachedCount !== null) this.cachedCount += ids.length;
    return ids;
  }

  /** Whole rows above an id, newest first, at most `limit` (one query). */
  newestAfter(afterId: number, limit: number): StoredExchange[] {
    return (this.newestAfterStatement.all(afterId, limit) as FullRow[]).map(fromRow);
  }

  /** Summary rows of these ids, newest first. */
  listIds(ids: readonly number[]): ExchangeRow[] {
    return ids.length === 0 ? [] : (this.listIdsStatement.all(JSON.stringify(ids)) as ExchangeRow[]);
  }

  get(id: number): StoredExchange | null {
    const row = this.getStatement.get(id) as FullRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** Rows ordered newest first; keyset pagination on id. */
  list(filter: ExchangeFilter): ExchangeRow[] {
    const { where, args } = whereOf(filter, true);
    const sql = `SELECT ${summaryColumns} FROM exchanges ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id ${filter.ascending ? 'ASC' : 'DESC'} LIMIT ?`;
    return this.statement(sql).all(...args, filter.limit) as ExchangeRow[];
  }

  /**
   * How many rows match the filter as a whole (the page cursor aside), counted up to `cap`: past
   * it the answer is "more than cap", so a broad filter over millions of rows stays cheap.
   */
  countMatching(filter: ExchangeFilter, cap: number): { total: number; capped: boolean } {
    const { where, args } = whereOf(filter, false);
    const sql = `SELECT count(*) FROM (SELECT 1 FROM exchanges ${where.length ? 'WHERE ' + where.join(' AND ') : ''} LIMIT ?)`;
    const n = this.statement(sql).pluck().get(...args, cap + 1) as number;
    return { total: Math.min(n, cap), capped: n > cap };
  }

  /** Filters combine into a handful of shapes: prepare each shape once. */
  private statement(sql: string): Statement {
    let statement = this.listStatements.get(sql);
    if (!statement) this.listStatements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  /**
   * Distinct param names, in name order (for autocomplete). Each step is one seek on the
   * (name, value, exchange_id) index, so it costs the number of names, not of params stored.
   */
  paramNames(limit: number): string[] {
    return this.statement(`WITH RECURSIVE names (name) AS (
        SELECT min(name) FROM exchange_params
        UNION ALL SELECT (SELECT min(name) FROM exchange_params WHERE name > names.name) FROM names WHERE names.name IS NOT NULL
      ) SELECT name FROM names WHERE name IS NOT NULL LIMIT ?`).pluck().all(limit) as string[];
  }

  isDuplicate(correlation: string | null, id: number): boolean {
    return correlation !== null && this.isDuplicateStatement.get(id) === 1;
  }

  /** Indexed params of the given exchanges restricted to some names (key params of body postbacks). */
  paramsOf(ids: readonly number[], names: readonly string[]): Array<{ exchange_id: number; name: string; value: string }> {
    if (ids.length === 0) return [];
    const sql = `SELECT exchange_id, name, value FROM exchange_params WHERE exchange_id IN (${ids.map(() => '?').join(',')}) AND name IN (${names.map(() => '?').join(',')})`;
    return this.db.prepare(sql).all(...ids, ...names) as Array<{ exchange_id: number; name: string; value: string }>;
  }

  delete(id: number): boolean {
    const deleted = this.db.transaction(() => {
      this.deleteTextStatement.run(id);
      return this.deleteStatement.run(id).changes > 0;
    })();
    if (deleted && this.cachedCount !== null) this.cachedCount--;
    return deleted;
  }

  /** Deletes many in one transaction; returns the ids that existed. */
  deleteMany(ids: readonly number[]): number[] {
    const deleted = this.db.transaction(() =>
      ids.filter((id) => {
        this.deleteTextStatement.run(id);
        return this.deleteStatement.run(id).changes > 0;
      }),
    )();
    if (this.cachedCount !== null) this.cachedCount -= deleted.length;
    return deleted;
  }

  clear(): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM exchange_params; DELETE FROM exchange_text; DELETE FROM exchanges;');
    })();
    this.cachedCount = 0;
  }

  /** Counted once, then kept up to date: the status line asks every second. */
  count(): number {
    this.cachedCount ??= this.countStatement.get() as number;
    return this.cachedCount;
  }

  maxId(): number {
    return this.maxIdStatement.get() as number;
  }

  /** Ids up to and including `id`: a clear that must spare what arrived after it was asked for. */
  idsThrough(id: number): number[] {
    return this.idsThroughStatement.all(id) as number[];
  }
}

/** The WHERE terms of a filter; `paged` includes the keyset cursor (a count ignores it). */
function whereOf(filter: ExchangeFilter, paged: boolean): { where: string[]; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (paged && filter.beforeId !== undefined) {
    where.push('id < ?');
    args.push(filter.beforeId);
  }
  if (filter.afterId !== undefined) {
    where.push('id > ?');
    args.push(filter.afterId);
  }
  if (filter.direction) {
    where.push('direction = ?');
    args.push(filter.direction);
  }
  if (filter.method) {
    where.push('method = ?');
    args.push(filter.method.toUpperCase());
  }
  if (filter.path) {
    where.push('instr(path, ?) > 0');
    args.push(filter.path);
  }
  const status = filter.status ? statusParamCondition(filter.status) : null;
  if (status) {
    where.push(status.sql);
    args.push(...status.args);
  }
  if (filter.endpointId !== undefined) {
    where.push('endpoint_id = ?');
    args.push(filter.endpointId);
  }
  if (filter.duplicatesOnly) {
    where.push(duplicateSql);
  }
  if (filter.receivedFrom !== undefined) {
    where.push('received_at >= ?');
    args.push(filter.receivedFrom);
  }
  for (const [name, value] of filter.params ?? []) {
    where.push('id IN (SELECT exchange_id FROM exchange_params WHERE name = ? AND value = ?)');
    args.push(name, value);
  }
  if (filter.q) addTextFilter(filter.q, where, args);
  for (const condition of filter.conditions ?? []) {
    where.push(`(${condition.sql})`);
    args.push(...condition.args);
  }
  return { where, args };
}

/** The old `q` is the filter language's bare text: one compiler for both, so they cannot drift. */
function addTextFilter(q: string, where: string[], args: unknown[]): void {
  const condition = textCondition(q, false);
  where.push(condition.sql);
  args.push(...condition.args);
}

/** Positional, in the INSERT's column order: cheaper per row than named parameters. */
function insertValues(r: ExchangeRecord): unknown[] {
  const response = r.response;
  return [
    r.direction,
    r.method,
    r.target,
    r.path,
    r.httpVersion,
    JSON.stringify(r.rawHeaders),
    r.contentType,
    r.body,
    r.bodySize,
    r.remoteAddress,
    r.remotePort,
    r.receivedAt,
    r.durationMs,
    r.rejected,
    response ? response.status : null,
    response ? JSON.stringify(response.rawHeaders) : null,
    response ? response.body : null,
    r.answeredBy,
    r.endpointId,
    r.correlation,
    r.tls ?? null,
  ];
}

function fromRow(row: FullRow): StoredExchange {
  return {
    id: row.id,
    direction: row.direction,
    method: row.method,
    target: row.target,
    path: row.path,
    httpVersion: row.http_version,
    rawHeaders: JSON.parse(row.raw_headers) as RawHeaders,
    contentType: row.content_type,
    body: row.body,
    bodySize: row.body_size,
    remoteAddress: row.remote_address,
    remotePort: row.remote_port,
    receivedAt: row.received_at,
    durationMs: row.duration_ms,
    rejected: row.rejected,
    response:
      row.response_status === null
        ? null
        : {
            status: row.response_status,
            rawHeaders: row.response_headers ? (JSON.parse(row.response_headers) as RawHeaders) : [],
            body: row.response_body ?? Buffer.alloc(0),
          },
    answeredBy: row.answered_by,
    endpointId: row.endpoint_id,
    correlation: row.correlation,
    tls: row.tls,
  };
}
