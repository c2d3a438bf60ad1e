import type { BaselineResult, RuleScope } from '../model/comparison.js';
import type { Db } from './open-database.js';

export interface BaselineRow {
  scope: RuleScope;
  scopeId: number;
  exchangeId: number;
  createdAt: number;
}

/** The cheap columns the checker needs to decide which baselines a capture falls under. */
export interface CandidateRow {
  id: number;
  endpointId: number | null;
  /** The exchange's own profile (sent postbacks), else its endpoint's profile. */
  profileId: number | null;
  /** 1 when the receiver cut the request short (body too large, aborted): nothing to compare. */
  rejected: number;
  receivedAt: number;
}

interface ResultRow {
  exchange_id: number;
  scope: RuleScope;
  scope_id: number;
  baseline_exchange_id: number;
  differences: number;
  summary: string;
  compared_at: number;
}

const cursorKey = 'baselines_checked_through';

/** Pinned baselines, per-capture results, and the checker's progress (in `meta`, like the indexer's). */
export class BaselinesRepository {
  private readonly listStatement;
  private readonly getStatement;
  private readonly upsertStatement;
  private readonly deleteStatement;
  private readonly insertResult;
  private readonly resultsFor;
  private readonly resultsForIds;
  private readonly candidatesStatement;
  private readonly cursorGet;
  private readonly cursorSet;
  private readonly maxIdStatement;
  private readonly endpointExistsStatement;

  constructor(private readonly db: Db) {
    this.listStatement = db.prepare(`SELECT scope, scope_id AS scopeId, exchange_id AS exchangeId, created_at AS createdAt FROM baselines ORDER BY scope, scope_id`);
    this.getStatement = db.prepare(`SELECT scope, scope_id AS scopeId, exchange_id AS exchangeId, created_at AS createdAt FROM baselines WHERE scope = ? AND scope_id = ?`);
    this.upsertStatement = db.prepare(`INSERT INTO baselines (scope, scope_id, exchange_id, created_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (scope, scope_id) DO UPDATE SET exchange_id = excluded.exchange_id, created_at = excluded.created_at`);
    this.deleteStatement = db.prepare(`DELETE FROM baselines WHERE scope = ? AND scope_id = ?`);
    this.insertResult = db.prepare(`INSERT OR REPLACE INTO baseline_results
      (exchange_id, scope, scope_id, baseline_exchange_id, differences, summary, compared_at)
      SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM exchanges WHERE id = ?)`); // deleted while being compared: nothing to keep
    this.resultsFor = db.prepare(`SELECT * FROM baseline_results WHERE exchange_id = ? ORDER BY scope`);
    // json_each keeps one prepared shape whatever the number of ids.
    this.resultsForIds = db.prepare(`SELECT * FROM baseline_results WHERE exchange_id IN (SELECT value FROM json_each(?)) ORDER BY exchange_id, scope`);
    // The endpoint's profile lives in its JSON definition (src/model/endpoint.ts `profileId`).
    this.candidatesStatement = db.prepare(`SELECT x.id AS id, x.endpoint_id AS endpointId,
        coalesce(x.profile_id, json_extract(e.definition, '$.profileId')) AS profileId, x.rejected IS NOT NULL AS rejected, x.received_at AS receivedAt
      FROM exchanges x LEFT JOIN endpoints e ON e.id = x.endpoint_id
      WHERE x.id > ? ORDER BY x.id LIMIT ?`);
    this.cursorGet = db.prepare(`SELECT value FROM meta WHERE key = '${cursorKey}'`).pluck();
    this.cursorSet = db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('${cursorKey}', ?)`);
    this.maxIdStatement = db.prepare(`SELECT coalesce(max(id), 0) FROM exchanges`).pluck();
    this.endpointExistsStatement = db.prepare(`SELECT EXISTS (SELECT 1 FROM endpoints WHERE id = ?)`).pluck();
  }

  list(): BaselineRow[] {
    return this.listStatement.all() as BaselineRow[];
  }

  get(scope: RuleScope, scopeId: number): BaselineRow | null {
    return (this.getStatement.get(scope, scopeId) as BaselineRow | undefined) ?? null;
  }

  pin(scope: RuleScope, scopeId: number, exchangeId: number, now: number): BaselineRow {
    this.upsertStatement.run(scope, scopeId, exchangeId, now);
    return { scope, scopeId, exchangeId, createdAt: now };
  }

  unpin(scope: RuleScope, scopeId: number): boolean {
    return this.deleteStatement.run(scope, scopeId).changes > 0;
  }

  endpointExists(id: number): boolean {
    return this.endpointExistsStatement.get(id) === 1;
  }

  results(exchangeId: number): BaselineResult[] {
    return (this.resultsFor.all(exchangeId) as ResultRow[]).map(fromResultRow);
  }

  /** Results for many exchanges at once (the list asks for a page of rows). */
  resultsForMany(ids: readonly number[]): BaselineResult[] {
    if (ids.length === 0) return [];
    return (this.resultsForIds.all(JSON.stringify(ids)) as ResultRow[]).map(fromResultRow);
  }

  candidates(afterId: number, limit: number): CandidateRow[] {
    return this.candidatesStatement.all(afterId, limit) as CandidateRow[];
  }

  /** Saves a batch's results and the new cursor in one transaction, so a crash repeats a whole batch or none. */
  saveBatch(results: readonly BaselineResult[], through: number): void {
    this.db.transaction(() => {
      for (const r of results) {
        this.insertResult.run(r.exchangeId, r.scope, r.scopeId, r.baselineExchangeId, r.differences, r.summary, r.comparedAt, r.exchangeId);
      }
      this.cursorSet.run(String(through));
    }).immediate();
  }

  checkedThrough(): number {
    return Number(this.cursorGet.get() ?? this.maxId());
  }

  setCheckedThrough(through: number): void {
    this.cursorSet.run(String(through));
  }

  maxId(): number {
    return this.maxIdStatement.get() as number;
  }
}

function fromResultRow(row: ResultRow): BaselineResult {
  return {
    exchangeId: row.exchange_id,
    scope: row.scope,
    scopeId: row.scope_id,
    baselineExchangeId: row.baseline_exchange_id,
    matches: row.differences === 0,
    differences: row.differences,
    summary: row.summary,
    comparedAt: row.compared_at,
  };
}
