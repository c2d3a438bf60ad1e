import type { Db } from '../store/open-database.js';
import { ExpiredExchanges } from './expired.js';
import { noRetention, type RetentionPolicy } from './policy.js';
import type { RetentionStatus } from '../model/settings.js';

export type { RetentionStatus } from '../model/settings.js';

export interface RetentionDeps {
  db: Db;
  /** Exchanges stored, as the repository counts them. */
  count: () => number;
  /** Deletes exchanges the way a user's delete does (index, derived state, the UI told). */
  remove: (ids: number[]) => void;
  /** True while captures pour in: the runner waits for a quiet moment rather than take the lock. */
  busy: () => boolean;
  everyMs?: number;
  now?: () => number;
}

/** Rows per delete transaction: short, so the receiver's commit never waits long for the lock. */
const batchRows = 200;
/** Most rows one run deletes; the next run carries on. */
const maxRowsPerRun = 20_000;

/** Applies the retention policy now and then, in short batches that yield to the receiver. */
export class RetentionRunner {
  private policy: RetentionPolicy = noRetention;
  private readonly expired: ExpiredExchanges;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private deleted = 0;
  private lastRunAt: number | null = null;
  private lastError: string | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: RetentionDeps) {
    this.expired = new ExpiredExchanges(deps.db, deps.count);
    this.now = deps.now ?? Date.now;
  }

  start(policy: RetentionPolicy): void {
    this.policy = policy;
    this.timer = setInterval(() => void this.runNow(), this.deps.everyMs ?? 30_000);
    this.timer.unref();
    void this.runNow();
  }

  setPolicy(policy: RetentionPolicy): void {
    this.policy = policy;
    void this.runNow();
  }

  /** One run (or the one in progress): resolves to the number of exchanges it deleted. */
  runNow(): Promise<number> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  status(): RetentionStatus {
    return { policy: this.policy, usedBytes: this.expired.usedBytes(), deletedSinceStart: this.deleted, lastRunAt: this.lastRunAt, lastError: this.lastError };
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async run(): Promise<number> {
    let deleted = 0;
    try {
      // One pick per run: the size check reads pages, which the text index frees only later.
      const ids = this.deps.busy() ? [] : this.expired.pick(this.policy, this.now(), maxRowsPerRun);
      for (let at = 0; at < ids.length; at += batchRows) {
        if (this.deps.busy()) break;
        const batch = ids.slice(at, at + batchRows);
        this.deps.remove(batch);
        deleted += batch.length;
        // Let answers and commits through between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (deleted > 0) this.expired.reclaim();
      this.lastError = null;
    } catch (error) {
      // A full disk or a busy store: the next run tries again.
      this.lastError = (error as Error).message;
    }
    this.deleted += deleted;
    this.lastRunAt = this.now();
    return deleted;
  }
}
