import type { ExchangeVerdict, VerdictSummary } from '../model/verdict.js';
import type { Db } from './open-database.js';

interface SummaryRow {
  exchange_id: number;
  status: VerdictSummary['status'];
  signature: VerdictSummary['signature'];
  failures: number;
  warnings: number;
  profile_id: number | null;
}

export class VerdictsRepository {
  private readonly upsertStatement;
  private readonly getStatement;
  private readonly summariesStatement;
  private readonly staleByProfileStatement;
  private readonly staleByEndpointsStatement;
  private readonly staleBatchStatement;
  private readonly staleCountStatement;
  private readonly throughStatement;
  private readonly saveThroughStatement;

  constructor(private readonly db: Db) {
    this.upsertStatement = db.prepare(`INSERT INTO verdicts (exchange_id, status, signature, failures, warnings, profile_id, stale, detail, computed_at)
      SELECT @exchangeId, @status, @signature, @failures, @warnings, @profileId, 0, @detail, @computedAt
      WHERE EXISTS (SELECT 1 FROM exchanges WHERE id = @exchangeId) -- deleted while it was being judged: nothing to keep
      ON CONFLICT (exchange_id) DO UPDATE SET status = excluded.status, signature = excluded.signature, failures = excluded.failures,
        warnings = excluded.warnings, profile_id = excluded.profile_id, stale = 0, detail = excluded.detail, computed_at = excluded.computed_at`);
    this.getStatement = db.prepare(`SELECT detail, stale FROM verdicts WHERE exchange_id = ?`);
    // Ids travel as one JSON array: one prepared statement for any number of ids.
    this.summariesStatement = db.prepare(
      `SELECT exchange_id, status, signature, failures, warnings, profile_id FROM verdicts WHERE exchange_id IN (SELECT value FROM json_each(?))`,
    );
    this.staleByProfileStatement = db.prepare(`UPDATE verdicts SET stale = 1 WHERE profile_id = ? AND stale = 0`);
    this.staleByEndpointsStatement = db.prepare(
      `UPDATE verdicts SET stale = 1 WHERE stale = 0 AND exchange_id IN (SELECT id FROM exchanges WHERE endpoint_id IN (SELECT value FROM json_each(?)))`,
    );
    this.staleBatchStatement = db.prepare(`SELECT exchange_id FROM verdicts WHERE stale = 1 ORDER BY exchange_id DESC LIMIT ?`).pluck();
    this.staleCountStatement = db.prepare(`SELECT count(*) FROM verdicts WHERE stale = 1`).pluck();
    this.throughStatement = db.prepare(`SELECT value FROM meta WHERE key = 'verdicts_through'`).pluck();
    this.saveThroughStatement = db.prepare(`UPDATE meta SET value = ? WHERE key = 'verdicts_through'`);
  }

  /**
   * Many verdicts in one transaction: the worker's batch. IMMEDIATE, like every write of the
   * derivation thread: the receiver and the sender write the same file from other connections,
   * and a deferred transaction that read first fails at once (SQLITE_BUSY_SNAPSHOT) instead of waiting.
   */
  saveMany(verdicts: readonly ExchangeVerdict[], through?: number): void {
    this.db.transaction(() => {
      for (const v of verdicts) this.save(v);
      if (through !== undefined) this.saveThroughStatement.run(String(through));
    }).immediate();
  }

  save(v: ExchangeVerdict): void {
    if (v.exchangeId === null) return;
    this.upsertStatement.run({
      exchangeId: v.exchangeId,
      status: v.status,
      signature: v.signature.status,
      failures: v.failures,
      warnings: v.warnings,
      profileId: v.profileId,
      detail: JSON.stringify(v),
      computedAt: v.computedAt,
    });
  }

  get(exchangeId: number): { verdict: ExchangeVerdict; stale: boolean } | null {
    const row = this.getStatement.get(exchangeId) as { detail: string; stale: number } | undefined;
    return row ? { verdict: JSON.parse(row.detail) as ExchangeVerdict, stale: row.stale === 1 } : null;
  }

  summaries(exchangeIds: readonly number[]): VerdictSummary[] {
    if (exchangeIds.length === 0) return [];
    return (this.summariesStatement.all(JSON.stringify(exchangeIds)) as SummaryRow[]).map((r) => ({
      exchangeId: r.exchange_id,
      status: r.status,
      signature: r.signature,
      failures: r.failures,
      warnings: r.warnings,
      profileId: r.profile_id,
    }));
  }

  markStaleByProfile(profileId: number): number {
    return this.staleByProfileStatement.run(profileId).changes;
  }

  markStaleByEndpoints(endpointIds: readonly number[]): number {
    return endpointIds.length === 0 ? 0 : this.staleByEndpointsStatement.run(JSON.stringify(endpointIds)).changes;
  }

  /** Newest first: what the user is looking at gets its new verdict soonest. */
  staleBatch(limit: number): number[] {
    return this.staleBatchStatement.all(limit) as number[];
  }

  staleCount(): number {
    return this.staleCountStatement.get() as number;
  }

  through(): number {
    return Number(this.throughStatement.get() ?? 0);
  }

  saveThrough(id: number): void {
    this.saveThroughStatement.run(String(id));
  }
}
