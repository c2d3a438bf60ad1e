import type { BulkRunTally } from '../model/sender.js';
import type { Db } from './open-database.js';

/** States a send never leaves by itself: what "Clear finished" may delete. `disabled` waits for a re-enabled destination, so it stays. */
const finishedStates = `('delivered', 'failed', 'cancelled')`;
/** States "Retry all failed" sends again (a disabled send is a failure the destination's circuit caused). */
const failedStates = `('failed', 'disabled')`;

/**
 * Outbox actions over many sends at once (a whole bulk run, or everything): retry the failed
 * ones, find the finished ones to delete, and tally each run. Kept apart from the outbox
 * repository, which is about one send at a time and the worker's schedule.
 */
export class OutboxBulkActions {
  private readonly failedStatement;
  private readonly failedOfRunStatement;
  private readonly requeueStatement;
  private readonly finishedStatement;
  private readonly finishedOfRunStatement;
  private readonly talliesStatement;
  private readonly tallyStatement;

  constructor(private readonly db: Db) {
    this.failedStatement = db.prepare(`SELECT id FROM outbox WHERE state IN ${failedStates} ORDER BY id`).pluck();
    this.failedOfRunStatement = db.prepare(`SELECT id FROM outbox WHERE state IN ${failedStates} AND bulk_id = ? ORDER BY id`).pluck();
    // The state is checked again: a row cancelled or retried between the select and here is left alone.
    this.requeueStatement = db.prepare(`UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE id = ? AND state IN ${failedStates}`);
    this.finishedStatement = db.prepare(`SELECT exchange_id FROM outbox WHERE state IN ${finishedStates} AND updated_at <= ? ORDER BY id`).pluck();
    this.finishedOfRunStatement = db.prepare(`SELECT exchange_id FROM outbox WHERE state IN ${finishedStates} AND updated_at <= ? AND bulk_id = ? ORDER BY id`).pluck();
    const tally = `SELECT bulk_id AS bulkId, count(*) AS sends,
        sum(state = 'delivered') AS delivered, sum(state = 'failed') AS failed, sum(state = 'disabled') AS disabled,
        sum(state = 'cancelled') AS cancelled, sum(state IN ('pending', 'in_flight')) AS open,
        sum(attempts) AS attempts, sum(attempts > 1) AS retried, min(created_at) AS firstAt, max(updated_at) AS lastAt
      FROM outbox`;
    this.talliesStatement = db.prepare(`${tally} WHERE bulk_id IS NOT NULL GROUP BY bulk_id ORDER BY max(id) DESC LIMIT ?`);
    this.tallyStatement = db.prepare(`${tally} WHERE bulk_id = ? GROUP BY bulk_id`);
  }

  /**
   * Queues every failed or disabled send (of one run, or all) for an attempt now; `scope` limits
   * it to these outbox ids (a CLI sender only touches its own sends). Answers the ids queued.
   */
  retryFailed(bulkId: string | null, scope: ReadonlySet<number> | null, now = Date.now()): number[] {
    return this.db.transaction(() => {
      const ids = (bulkId === null ? this.failedStatement.all() : this.failedOfRunStatement.all(bulkId)) as number[];
      return ids.filter((id) => (scope === null || scope.has(id)) && this.requeueStatement.run(now, now, id).changes > 0);
    })();
  }

  /** Exchange ids of sends finished by `before` (of one run, or all): deleting the exchange deletes the send (ON DELETE CASCADE). */
  finishedExchangeIds(bulkId: string | null, before: number): number[] {
    return (bulkId === null ? this.finishedStatement.all(before) : this.finishedOfRunStatement.all(before, bulkId)) as number[];
  }

  /** The newest runs' counts, from the outbox as it is now (retries after the run's end included). */
  tallies(limit: number): BulkRunTally[] {
    return this.talliesStatement.all(limit) as BulkRunTally[];
  }

  tally(bulkId: string): BulkRunTally | null {
    return (this.tallyStatement.get(bulkId) as BulkRunTally | undefined) ?? null;
  }
}
