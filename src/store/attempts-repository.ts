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

interface Row {
  id: number;
  outbox_id: number;
  number: number;
  started_at: number;
  duration_ms: number;
  status: number | null;
  error: string | null;
  error_code: string | null;
  outcome: AttemptOutcome;
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
    this.forOutboxStatement = db.prepare(`SELECT * FROM attempts WHERE outbox_id = ? ORDER BY number, id`);
    this.forExchangeStatement = db.prepare(`SELECT a.* FROM attempts a JOIN outbox o ON o.id = a.outbox_id WHERE o.exchange_id = ? ORDER BY a.number, a.id`);
  }

  insert(attempt: NewAttempt): void {
    this.insertStatement.run({
      ...attempt,
      responseHeaders: attempt.responseHeaders ? JSON.stringify(attempt.responseHeaders) : null,
      responseTruncated: attempt.responseTruncated ? 1 : 0,
    });
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
    outcome: row.outcome,
    verdict: row.verdict,
    nextAttemptAt: row.next_attempt_at,
    responseHeaders: row.response_headers ? (JSON.parse(row.response_headers) as RawHeaders) : [],
    responseBody: (row.response_body ?? Buffer.alloc(0)).toString('base64'),
    responseTruncated: row.response_truncated === 1,
  };
}
