import type { Statement } from 'better-sqlite3';
import type { RawHeaders } from '../model/exchange.js';
import type { OutboxItem, OutboxSettings, OutboxState, Transport } from '../model/sender.js';
import { openAttemptSql } from './attempts-repository.js';
import type { ExchangeRecord } from './exchange-record.js';
import type { Db } from './open-database.js';

export interface NewOutboxRow {
  exchangeId: number;
  templateId: number | null;
  sourceExchangeId: number | null;
  bulkId: string | null;
  method: string;
  url: string;
  transport: Transport;
  state: OutboxState;
  nextAttemptAt: number | null;
  createdAt: number;
  idempotencyKey: string;
  correlation: string | null;
  circuitKey: string | null;
  settings: OutboxSettings;
}

/** An outbox row with what the worker needs beyond the API view. */
export interface OutboxRecord extends OutboxItem {
  settings: OutboxSettings;
  circuitKey: string | null;
}

/** An outbox row written after its first attempt (bulk runs): the state is already known. */
export interface FinishedOutboxRow extends NewOutboxRow {
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: number | null;
  updatedAt: number;
}

/** What an attempt changes on its outbox row. */
export type AttemptFinish = { id: number } & Pick<FinishedOutboxRow, 'state' | 'attempts' | 'nextAttemptAt' | 'lastStatus' | 'lastError' | 'deliveredAt' | 'updatedAt'>;

export interface ExchangeResponseUpdate {
  exchangeId: number;
  response: { status: number; rawHeaders: RawHeaders; body: Buffer } | null;
  durationMs: number;
  answeredBy: string;
}

/** Columns under their API names, so rows need no mapping beyond the settings blob. */
const columns = `id, exchange_id AS exchangeId, template_id AS templateId, source_exchange_id AS sourceExchangeId, bulk_id AS bulkId, method, url,
  transport, state, attempts, next_attempt_at AS nextAttemptAt, created_at AS createdAt, updated_at AS updatedAt, delivered_at AS deliveredAt,
  last_status AS lastStatus, last_error AS lastError, idempotency_key AS idempotencyKey, correlation, circuit_key AS circuitKey, settings`;

type Row = Omit<OutboxRecord, 'settings' | 'retry' | 'timeScale'> & { settings: string };

export interface OutboxFilter {
  limit: number;
  beforeId?: number;
  state?: OutboxState;
  bulkId?: string;
  /** Text the URL contains, any case (click ids, hosts, paths). */
  q?: string;
}

/**
 * The outbox: pending sends and their next-attempt times, so a restart resumes them. Attempt
 * results also update the out exchange's response columns here (same transaction, one writer).
 */
export class OutboxRepository {
  private readonly insertStatement;
  private readonly getStatement;
  private readonly dueStatement;
  private readonly dueInStatement;
  private readonly nextDueInStatement;
  private readonly claimStatement;
  private readonly openAttemptStatement;
  private readonly finishStatement;
  private readonly cancelStatement;
  private readonly retryNowStatement;
  private readonly resetStatement;
  private readonly nextDueStatement;
  private readonly exchangeResponseStatement;
  private readonly exchangeTemplateStatement;
  private readonly insertFinishedStatement;
  private readonly insertOutExchangeStatement;
  /** A bulk run shares one settings object: serialise it once. */
  private readonly settingsJson = new WeakMap<OutboxSettings, string>();
  private readonly listStatements = new Map<string, Statement>();

  constructor(private readonly db: Db) {
    this.insertStatement = db.prepare(`INSERT INTO outbox (exchange_id, template_id, source_exchange_id, bulk_id, method, url, transport, state,
        next_attempt_at, created_at, updated_at, idempotency_key, correlation, circuit_key, settings)
      VALUES (@exchangeId, @templateId, @sourceExchangeId, @bulkId, @method, @url, @transport, @state,
        @nextAttemptAt, @createdAt, @createdAt, @idempotencyKey, @correlation, @circuitKey, @settings)`);
    this.getStatement = db.prepare(`SELECT ${columns} FROM outbox WHERE id = ?`);
    this.dueStatement = db.prepare(`SELECT ${columns} FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`);
    // Scoped variants (ids as a JSON array): a CLI run sharing the app's data folder only touches its own sends.
    this.dueInStatement = db.prepare(`SELECT ${columns} FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? AND id IN (SELECT value FROM json_each(?)) ORDER BY next_attempt_at, id LIMIT ?`);
    this.nextDueInStatement = db.prepare(`SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending' AND id IN (SELECT value FROM json_each(?))`).pluck();
    this.claimStatement = db.prepare(`UPDATE outbox SET state = 'in_flight', updated_at = ? WHERE id = ? AND state = 'pending'`);
    this.openAttemptStatement = db.prepare(openAttemptSql);
    // A cancel that lands while an attempt is in flight wins over a retry, never over a delivery.
    this.finishStatement = db.prepare(`UPDATE outbox SET
        state = CASE WHEN state = 'cancelled' AND @state <> 'delivered' THEN 'cancelled' ELSE @state END,
        attempts = @attempts, next_attempt_at = CASE WHEN state = 'cancelled' AND @state <> 'delivered' THEN NULL ELSE @nextAttemptAt END,
        last_status = @lastStatus, last_error = @lastError, delivered_at = @deliveredAt, updated_at = @updatedAt
      WHERE id = @id`);
    this.cancelStatement = db.prepare(`UPDATE outbox SET state = 'cancelled', next_attempt_at = NULL, updated_at = ? WHERE id = ? AND state IN ('pending', 'in_flight')`);
    this.retryNowStatement = db.prepare(`UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE id = ? AND state IN ('pending', 'failed', 'cancelled', 'disabled')`);
    this.resetStatement = db.prepare(`UPDATE outbox SET state = 'pending', next_attempt_at = min(coalesce(next_attempt_at, ?), ?), updated_at = ? WHERE state = 'in_flight'`);
    this.nextDueStatement = db.prepare(`SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'`).pluck();
    this.exchangeResponseStatement = db.prepare(`UPDATE exchanges SET response_status = @status, response_headers = @headers, response_body = @body,
        duration_ms = @durationMs, answered_by = @answeredBy WHERE id = @exchangeId`);
    this.exchangeTemplateStatement = db.prepare(`UPDATE exchanges SET template_id = ? WHERE id = ?`);
    this.insertFinishedStatement = db.prepare(insertFinishedSql);
    this.insertOutExchangeStatement = db.prepare(insertOutExchangeSql);
  }

  insert(row: NewOutboxRow): number {
    return Number(this.insertStatement.run({ ...row, settings: JSON.stringify(row.settings) }).lastInsertRowid);
  }

  /** An outbox row whose first attempt is already done (bulk runs record after the fact). */
  insertFinished(row: FinishedOutboxRow): number {
    return Number(this.insertFinishedStatement.run(...finishedOutboxArgs(row, this.settingsText(row.settings))).lastInsertRowid);
  }

  /** An out exchange with its response, in one positional insert. */
  insertOutExchange(r: ExchangeRecord, templateId: number | null): number {
    return Number(this.insertOutExchangeStatement.run(...jsonAt(outExchangeValues(r, templateId), outExchangeLayout.json)).lastInsertRowid);
  }

  settingsText(settings: OutboxSettings): string {
    let text = this.settingsJson.get(settings);
    if (text === undefined) this.settingsJson.set(settings, (text = JSON.stringify(settings)));
    return text;
  }

  get(id: number): OutboxRecord | null {
    const row = this.getStatement.get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  list(filter: OutboxFilter): OutboxItem[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.beforeId !== undefined) (where.push('id < ?'), args.push(filter.beforeId));
    if (filter.state) (where.push('state = ?'), args.push(filter.state));
    if (filter.bulkId) (where.push('bulk_id = ?'), args.push(filter.bulkId));
    // instr, not LIKE: `%` and `_` are common in postback URLs and must match themselves.
    if (filter.q) (where.push('instr(lower(url), lower(?)) > 0'), args.push(filter.q));
    const sql = `SELECT ${columns} FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    let statement = this.listStatements.get(sql);
    if (!statement) this.listStatements.set(sql, (statement = this.db.prepare(sql)));
    return (statement.all(...args, filter.limit) as Row[]).map((row) => toItem(fromRow(row)));
  }

  /**
   * Takes due rows for delivery (pending → in_flight) in one transaction, oldest due first; `ids`
   * limits the scope. Each claimed row's next attempt is opened in the same commit, before any
   * request leaves, so a crash mid-request leaves a trace (see settleInterrupted).
   */
  claimDue(now: number, limit: number, ids: number[] | null = null): OutboxRecord[] {
    return this.db.transaction(() => {
      const rows = (ids ? this.dueInStatement.all(now, JSON.stringify(ids), limit) : this.dueStatement.all(now, limit)) as Row[];
      for (const row of rows) {
        this.claimStatement.run(now, row.id);
        this.openAttempt(row.id, row.attempts + 1, now);
      }
      return rows.map((row) => fromRow({ ...row, state: 'in_flight' }));
    })();
  }

  /** Opens attempt `number` (committed with the caller's transaction); the deliverer closes it. */
  openAttempt(id: number, number: number, now: number): void {
    this.openAttemptStatement.run(id, number, now);
  }

  finish(update: AttemptFinish): void {
    this.finishStatement.run(update);
  }

  cancel = (id: number, now = Date.now()): boolean => this.cancelStatement.run(now, id).changes > 0;

  retryNow = (id: number, now = Date.now()): boolean => this.retryNowStatement.run(now, now, id).changes > 0;

  /**
   * Rows still in flight without an open attempt (written by a version before migration 009, or
   * claimed by one) are due now: at-least-once, as before (the idempotency key lets partners
   * dedupe). Rows with an open attempt are settled first, per their retry policy.
   */
  resetInFlight(now = Date.now()): number {
    return this.resetStatement.run(now, now, now).changes;
  }

  nextDueAt(ids: number[] | null = null): number | null {
    return ((ids ? this.nextDueInStatement.get(JSON.stringify(ids)) : this.nextDueStatement.get()) as number | null) ?? null;
  }

  updateExchangeResponse(update: ExchangeResponseUpdate): void {
    const { exchangeId, response, durationMs, answeredBy } = update;
    const headers = response ? JSON.stringify(response.rawHeaders) : null;
    this.exchangeResponseStatement.run({ exchangeId, status: response?.status ?? null, headers, body: response?.body ?? null, durationMs, answeredBy });
  }

  /** exchanges.template_id (the exchanges repository's insert does not take it). */
  linkExchangeTemplate(exchangeId: number, templateId: number): void {
    this.exchangeTemplateStatement.run(templateId, exchangeId);
  }
}

// Positional, not named: bulk runs write thousands of rows a second and binding by name costs
// several times more. Exported with their argument builders and layouts for the sender's writer
// thread, which gets the values as JSON and restores JSON and BLOB columns by position.
export const insertFinishedSql = `INSERT INTO outbox (exchange_id, template_id, source_exchange_id, bulk_id, method, url, transport, state,
    attempts, next_attempt_at, created_at, updated_at, delivered_at, last_status, last_error, idempotency_key, correlation, circuit_key, settings)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Arguments for insertFinishedSql; the exchange id comes first. */
export function finishedOutboxArgs(row: FinishedOutboxRow, settings: string): unknown[] {
  return [
    row.exchangeId, row.templateId, row.sourceExchangeId, row.bulkId, row.method, row.url, row.transport, row.state,
    row.attempts, row.nextAttemptAt, row.createdAt, row.updatedAt, row.deliveredAt, row.lastStatus, row.lastError,
    row.idempotencyKey, row.correlation, row.circuitKey, settings,
  ];
}

/** An out exchange with its response (same columns and encoding as the exchanges repository's insert). */
export const insertOutExchangeSql = `INSERT INTO exchanges (direction, method, target, path, http_version, raw_headers, content_type, body, body_size,
    remote_address, remote_port, received_at, duration_ms, rejected, response_status, response_headers, response_body, answered_by, template_id, correlation)
  VALUES ('out', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`;

/** insertOutExchangeSql's values with the header lists still as arrays (see the layout). */
export function outExchangeValues(r: ExchangeRecord, templateId: number | null): unknown[] {
  return [
    r.method, r.target, r.path, r.httpVersion, r.rawHeaders, r.contentType, r.body, r.bodySize,
    r.remoteAddress, r.remotePort, r.receivedAt, r.durationMs,
    r.response?.status ?? null, r.response?.rawHeaders ?? null, r.response?.body ?? null,
    r.answeredBy, templateId, r.correlation,
  ];
}

/** Positions in outExchangeValues stored as JSON text (header lists) and as BLOBs (bodies). */
export const outExchangeLayout = { json: [4, 13], blob: [6, 14] } as const;

/** Turns the values at `positions` into JSON text (null stays null). */
export function jsonAt(values: unknown[], positions: readonly number[]): unknown[] {
  for (const i of positions) if (values[i] !== null) values[i] = JSON.stringify(values[i]);
  return values;
}

function fromRow(row: Row): OutboxRecord {
  const settings = JSON.parse(row.settings) as OutboxSettings;
  return { ...row, settings, retry: settings.retry, timeScale: settings.timeScale };
}

/** The API view: no internal settings blob. */
export function toItem(record: OutboxRecord): OutboxItem {
  const { settings: _settings, circuitKey: _circuitKey, ...item } = record;
  return item;
}

export interface Circuit {
  key: string;
  consecutiveFailures: number;
  disabledAt: number | null;
  lastError: string | null;
}

/**
 * Destinations of the outbox (sender_circuits): consecutive failed postbacks per destination, and
 * whether it was switched off (Everflow-like). Kept beside the outbox, its only user.
 */
export class CircuitsRepository {
  private readonly getStatement;
  private readonly failStatement;
  private readonly disableStatement;
  private readonly succeedStatement;
  private readonly resetStatement;
  private readonly listStatement;
  private readonly timesStatement;
  private readonly saveTimesStatement;

  constructor(db: Db) {
    const select = `SELECT key, consecutive_failures AS consecutiveFailures, disabled_at AS disabledAt, last_error AS lastError FROM sender_circuits`;
    this.getStatement = db.prepare(`${select} WHERE key = ?`);
    this.failStatement = db.prepare(`INSERT INTO sender_circuits (key, consecutive_failures, last_error) VALUES (?, 1, ?)
      ON CONFLICT (key) DO UPDATE SET consecutive_failures = consecutive_failures + 1, last_error = excluded.last_error`);
    this.disableStatement = db.prepare(`UPDATE sender_circuits SET disabled_at = ? WHERE key = ? AND disabled_at IS NULL AND consecutive_failures >= ?`);
    this.succeedStatement = db.prepare(`UPDATE sender_circuits SET consecutive_failures = 0, failure_times = NULL WHERE key = ? AND disabled_at IS NULL`);
    this.timesStatement = db.prepare(`SELECT failure_times FROM sender_circuits WHERE key = ?`).pluck();
    this.saveTimesStatement = db.prepare(`UPDATE sender_circuits SET failure_times = ? WHERE key = ?`);
    this.resetStatement = db.prepare(`DELETE FROM sender_circuits WHERE key = ?`);
    this.listStatement = db.prepare(`${select} ORDER BY key`);
  }

  get(key: string): Circuit | null {
    return (this.getStatement.get(key) as Circuit | undefined) ?? null;
  }

  isDisabled = (key: string): boolean => this.get(key)?.disabledAt != null;

  /**
   * Counts a failed postback; disables the destination when the run reaches `threshold`, and
   * with `withinMs` only when the last `threshold` failures of the run fit in that window
   * (Everflow: 10 in 72 h), so a run of slow, rare failures does not switch it off.
   */
  recordFailure(key: string, threshold: number, error: string, now = Date.now(), withinMs: number | null = null): Circuit {
    this.failStatement.run(key, error);
    if (withinMs === null) {
      this.disableStatement.run(now, key, threshold);
      return this.get(key)!;
    }
    const previous = JSON.parse((this.timesStatement.get(key) as string | null) ?? '[]') as number[];
    const times = [...previous, now].slice(-threshold);
    this.saveTimesStatement.run(JSON.stringify(times), key);
    if (times.length >= threshold && now - times[0]! <= withinMs) this.disableStatement.run(now, key, threshold);
    return this.get(key)!;
  }

  recordSuccess(key: string): void {
    this.succeedStatement.run(key);
  }

  reset(key: string): boolean {
    return this.resetStatement.run(key).changes > 0;
  }

  list(): Circuit[] {
    return this.listStatement.all() as Circuit[];
  }
}
