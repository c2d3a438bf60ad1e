import type { Db } from './open-database.js';

/**
 * Captures per endpoint, counted from the exchanges table (the truth a user can scroll through),
 * on the `exchanges_endpoint (endpoint_id, id)` index: no counter to drift from what is stored.
 */
export class EndpointHitsRepository {
  private readonly totalsStatement;
  private readonly sinceStatement;

  constructor(db: Db) {
    this.totalsStatement = db.prepare(
      `SELECT endpoint_id AS endpointId, count(*) AS total FROM exchanges
       WHERE endpoint_id IS NOT NULL AND direction = 'in' GROUP BY endpoint_id`,
    );
    this.sinceStatement = db
      .prepare(`SELECT count(*) FROM exchanges WHERE endpoint_id = ? AND id > ? AND direction = 'in'`)
      .pluck();
  }

  /** Stored captures of each endpoint that has any. */
  totals(): Map<number, number> {
    const rows = this.totalsStatement.all() as Array<{ endpointId: number; total: number }>;
    return new Map(rows.map((r) => [r.endpointId, r.total]));
  }

  /** Captures of one endpoint stored after exchange `afterId`. */
  countSince(endpointId: number, afterId: number): number {
    return this.sinceStatement.get(endpointId, afterId) as number;
  }
}
