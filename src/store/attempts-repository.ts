import type { RawHeaders } from '../model/exchange.js';
import type { AttemptOutcome, AttemptView } from '../model/sender.js';
import type { Db } from './open-database.js';

export interface NewAttempt {
  outboxId: number;
  number: number;
  startedAt: number;
  durationMs: number;
  status: number | null;
  error: string | null;
  errorCode: string | null;
  outcome: AttemptOutcome;
  verdict: string;
  nextAttemptAt: number | null;
  responseHeaders: RawHeaders | null;
  responseBody: Buffer | null;
  responseTruncated: boolean;
}

/** As stored: an attempt whose request may be on the wire is 'in_flight' until it is closed. */
export type StoredOutcome = AttemptOutcome | 'in_flight';

/** The verdict an open attempt carries until it is closed (nobody reads it unless the app dies). */
export const openVerdict = 'in flight';

/** An attempt left open by a previous run, with what deciding its next step needs. */
export interface OpenAttempt {
  id: number;
  outboxId: number;
  exchangeId: number;
  number: number;
  startedAt: number;
  /** The outbox row's state: 'in_flight', or 'cancelled' when cancelled mid-attempt. */
  state: string;
  settings: string;
}

interface Row {
  id: number;
  outbox_id: number;
  number: number;
  started_at: number;
  duration_ms: number;
  status: number | null;
  error: string | null;
  error_code: string | null;
  outcome: StoredOutcome;
  verdict: string;
  next_attempt_at: number | null;
  response_headers: string | null;
  response_body: Buffer | null;
  response_truncated: number;
}

/** Every delivery attempt of an outbound postback: the timeline the UI shows. */
export class AttemptsRepository {
  private readonly insertStatement;
  private readonly insertFreshStatement;
  private readonly closeStatement;
  private readonly openListStatement;
  private readonly markUnknownStatement;
  private readonly forOutboxStatement;
  private readonly forExchangeStatement;

  constructor(db: Db) {
    // The outbox row can vanish mid-attempt (its exchange deleted by the user): then the attempt
    // has nothing to belong to and is dropped instead of failing the whole batch on the foreign key.
    this.insertStatement = db.prepare(`INSERT INTO attempts (outbox_id, number, started_at, duration_ms, status, error, error_code, outcome, verdict,
        next_attempt_at, response_headers, response_body, response_truncated)
      SELECT @outboxId, @number, @startedAt, @durationMs, @status, @error, @errorCode, @outcome, @verdict,
        @nextAttemptAt, @responseHeaders, @responseBody, @responseTruncated
      WHERE EXISTS (SELECT 1 FROM outbox WHERE id = @outboxId)`);
    this.insertFreshStatement = db.prepare(insertFreshAttemptSql);
    this.closeStatement = db.prepare(`UPDATE attempts SET started_at = @startedAt, duration_ms = @durationMs, status = @status, error = @error,
        error_code = @errorCode, outcome = @outcome, verdict = @verdict, next_attempt_at = @nextAttemptAt, response_headers = @responseHeaders,
        response_body = @responseBody, response_truncated = @responseTruncated
      WHERE id = (SELECT min(id) FROM attempts WHERE outbox_id = @outboxId AND number = @number AND outcome = 'in_flight')`);
    this.openListStatement = db.prepare(`SELECT a.id, a.outbox_id AS outboxId, o.exchange_id AS exchangeId, a.number, a.started_at AS startedAt, o.state, o.settings
      FROM attempts a JOIN outbox o ON o.id = a.outbox_id WHERE a.outcome = 'in_flight' ORDER BY a.id`);
    this.markUnknownStatement = db.prepare(`UPDATE attempts SET outcome = 'unknown', error_code = @errorCode, error = @error, verdict = @verdict,
        next_attempt_at = @nextAttemptAt WHERE id = @id AND outcome = 'in_flight'`);
    // Open attempts are the outbox's business until they are closed: the history shows finished
    // attempts (a live one is the outbox row's 'in_flight' state), and one cut off as 'unknown'.
    this.forOutboxStatement = db.prepare(`SELECT * FROM attempts WHERE outbox_id = ? AND outcome <> 'in_flight' ORDER BY number, id`);
    this.forExchangeStatement = db.prepare(`SELECT a.* FROM attempts a JOIN outbox o ON o.id = a.outbox_id WHERE o.exchange_id = ? AND a.outcome <> 'in_flight' ORDER BY a.number, a.id`);
  }

  insert(attempt: NewAttempt): void {
    this.insertStatement.run(namedValues(attempt));
  }

  /**
   * Closes the attempt opened before its request left (same outbox row and number); an attempt
   * that was never opened (no request left: e.g. a disabled destination) is inserted instead.
   */
  close(attempt: NewAttempt): void {
    const values = namedValues(attempt);
    if (this.closeStatement.run(values).changes === 0) this.insertStatement.run(values);
  }

  /** Attempts a previous run opened and never closed: it died or stopped while they were in flight. */
  open(): OpenAttempt[] {
    return this.openListStatement.all() as OpenAttempt[];
  }

  markUnknown(update: { id: number; errorCode: string; error: string; verdict: string; nextAttemptAt: number | null }): void {
    this.markUnknownStatement.run(update);
  }

  insertFresh(a: NewAttempt): void {
    const values = freshAttemptValues(a);
    for (const i of freshAttemptLayout.json) if (values[i] !== null) values[i] = JSON.stringify(values[i]);
    this.insertFreshStatement.run(...values);
  }

  forOutbox(outboxId: number): AttemptView[] {
    return (this.forOutboxStatement.all(outboxId) as Row[]).map(fromRow);
  }

  forExchange(exchangeId: number): AttemptView[] {
    return (this.forExchangeStatement.all(exchangeId) as Row[]).map(fromRow);
  }
}

function namedValues(attempt: NewAttempt): Record<string, unknown> {
  return { ...attempt, responseHeaders: attempt.responseHeaders ? JSON.stringify(attempt.responseHeaders) : null, responseTruncated: attempt.responseTruncated ? 1 : 0 };
}

/**
 * Opens attempt `number` of an outbox row before its request leaves, committed with the claim
 * (or with the row itself for a first attempt): if the app dies mid-request, this row is the
 * trace that a request may have reached the partner.
 */
export const openAttemptSql = `INSERT INTO attempts (outbox_id, number, started_at, duration_ms, outcome, verdict) VALUES (?, ?, ?, 0, 'in_flight', '${openVerdict}')`;

/** For an outbox row inserted in the same transaction (bulk runs): no existence check, positional. */
export const insertFreshAttemptSql = `INSERT INTO attempts (outbox_id, number, started_at, duration_ms, status, error, error_code, outcome, verdict,
    next_attempt_at, response_headers, response_body, response_truncated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** insertFreshAttemptSql's values, the outbox id first and the response headers still a list (see the layout). */
export function freshAttemptValues(a: NewAttempt): unknown[] {
  return [
    a.outboxId, a.number, a.startedAt, a.durationMs, a.status, a.error, a.errorCode, a.outcome, a.verdict,
    a.nextAttemptAt, a.responseHeaders, a.responseBody, a.responseTruncated ? 1 : 0,
  ];
}

/** Positions in freshAttemptValues stored as JSON text and as BLOBs. */
export const freshAttemptLayout = { json: [10], blob: [11] } as const;

function fromRow(row: Row): AttemptView {
  return {
    id: row.id,
    outboxId: row.outbox_id,
    number: row.number,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    status: row.status,
    error: row.error,
    errorCode: row.error_code,
    // Views never select open rows (see the statements).
    outcome: row.outcome as AttemptOutcome,
    verdict: row.verdict,
    nextAttemptAt: row.next_attempt_at,
    responseHeaders: row.response_headers ? (JSON.parse(row.response_headers) as RawHeaders) : [],
    responseBody: (row.response_body ?? Buffer.alloc(0)).toString('base64'),
    responseTruncated: row.response_truncated === 1,
  };
}
