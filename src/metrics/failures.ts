/**
 * The failures table: postbacks of the window with something to look at (a failed delivery, a
 * retry, a failing answer, a failed verdict, a value mismatch, a leftover macro, a duplicate),
 * newest first, each linking to its exchange. Reads the partial index of facts with problems.
 */
import type { FailureRow, FailuresPage, MetricsFilter, ProblemKind } from '../model/metrics.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/open-database.js';
import { PROBLEM_BITS, problemsFromBits } from './contribution.js';

interface Row {
  exchange_id: number;
  direction: 'in' | 'out';
  at: number;
  problems: number;
  last_reason: FailureRow['reason'];
  match_key: string | null;
  event: string | null;
  attempts: number;
  status: number | null;
  endpoint_id: number | null;
  template_id: number | null;
  macro_tokens: number;
  state: string | null;
  clock_problem: string | null;
  last_error: string | null;
  answered_by: string | null;
}

export interface FailuresQuery extends MetricsFilter {
  kinds: ProblemKind[] | null;
  beforeId: number | null;
  limit: number;
}

export class FailuresList {
  private readonly statements = new Map<string, Statement<unknown[]>>();
  constructor(private readonly db: Db) {}

  list(q: FailuresQuery): FailuresPage {
    const where = ['f.problems <> 0', 'f.at >= ?', 'f.at < ?'];
    const args: unknown[] = [q.from, q.to];
    if (q.direction) (where.push('f.direction = ?'), args.push(q.direction));
    for (const [col, v] of [['endpoint_id', q.endpointId], ['profile_id', q.profileId], ['template_id', q.templateId]] as const) {
      if (v !== null) (where.push(`f.${col} = ?`), args.push(v));
    }
    if (q.kinds) (where.push('(f.problems & ?) <> 0'), args.push(q.kinds.reduce((bits, k) => bits | PROBLEM_BITS[k], 0)));
    if (q.beforeId !== null) (where.push('f.exchange_id < ?'), args.push(q.beforeId));
    const sql = `SELECT f.exchange_id, f.direction, f.at, f.problems, f.last_reason, f.match_key, f.event, f.attempts, f.status, f.endpoint_id, f.template_id,
        f.macro_tokens, f.state, f.clock_problem, o.last_error, e.answered_by
      FROM metrics_facts f LEFT JOIN outbox o ON o.exchange_id = f.exchange_id LEFT JOIN exchanges e ON e.id = f.exchange_id
      WHERE ${where.join(' AND ')} ORDER BY f.exchange_id DESC LIMIT ?`;
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    const rows = statement.all(...args, q.limit) as Row[];
    const items = rows.map(toItem);
    return { items, next: items.length === q.limit ? String(items[items.length - 1]!.exchangeId) : null };
  }
}

function toItem(r: Row): FailureRow {
  const problems = problemsFromBits(r.problems);
  return {
    exchangeId: r.exchange_id,
    direction: r.direction,
    at: r.at,
    problems,
    reason: r.last_reason,
    key: r.match_key,
    event: r.event,
    attempts: r.attempts,
    status: r.status,
    detail: detailOf(r, problems),
    endpointId: r.endpoint_id,
    templateId: r.template_id,
  };
}

/** One line of why, from what the stores already say (the sender's verdict, the receiver's rule). */
function detailOf(r: Row, problems: ProblemKind[]): string | null {
  const parts: string[] = [];
  if (r.direction === 'out' && r.last_error) parts.push(r.last_error);
  else if (r.direction === 'out' && r.state === 'delivered' && r.attempts > 1) parts.push(`delivered on attempt ${r.attempts}`);
  if (problems.includes('answer') && r.answered_by) parts.push(`answered ${r.status ?? '–'} by ${r.answered_by}`);
  if (problems.includes('verdict')) parts.push('verdict failed (signature or param spec)');
  if (problems.includes('mismatch')) parts.push('value or currency differs from the expected conversion');
  if (problems.includes('macro')) parts.push(`${r.macro_tokens} unreplaced macro${r.macro_tokens === 1 ? '' : 's'}`);
  if (problems.includes('duplicate')) parts.push('repeat of an earlier postback (same key and event)');
  if (problems.includes('clock') && r.clock_problem) parts.push(r.clock_problem);
  return parts.length ? parts.join('; ') : null;
}
