import type { OutboxRecord, OutboxRepository } from '../store/outbox-repository.js';

/** setTimeout's ceiling; a retry further out is simply re-checked then. */
const maxTimerMs = 2 ** 31 - 1;
/** After a failed claim (the store busy or full), look again this soon. */
const claimRetryMs = 250;

/**
 * Runs what the outbox says is due: retries, and rows left pending or in flight by a previous run.
 * One timer, set for the earliest due row; first attempts of new sends do not come through here
 * (the sender starts them at once), so the worker only ever reads the outbox index.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private readonly running = new Set<Promise<void>>();
  private closed = false;
  private started = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly run: (record: OutboxRecord) => Promise<void>,
    private readonly maxConcurrent: number,
    private readonly onError: (message: string) => void,
    /** Settles what a previous run left in flight (see settleInterrupted); runs before the first claim. */
    private readonly recover: () => void,
    /** null: the whole outbox. Otherwise only these rows (and nothing is recovered on start). */
    private readonly scope: () => number[] | null = () => null,
  ) {}

  /** Resumes the outbox: interrupted attempts are settled per their policy, then the schedule continues. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    // Another process may own the other rows (the app, when a CLI run shares its data folder).
    if (this.scope() === null) this.recover();
    this.wake();
  }

  /** Re-reads the earliest due time (or takes a known one) and sets the timer for it. */
  wake(at?: number): void {
    if (!this.started || this.closed) return;
    const next = at ?? this.outbox.nextDueAt(this.scope());
    if (next === null || next >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = next;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.tick();
    }, Math.min(maxTimerMs, Math.max(0, next - Date.now())));
  }

  get active(): number {
    return this.running.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.running]);
  }

  private tick(): void {
    if (this.closed) return;
    const free = this.maxConcurrent - this.running.size;
    // When all slots are busy, the next finishing attempt wakes the worker again.
    if (free <= 0) return;
    let rows: OutboxRecord[];
    try {
      rows = this.outbox.claimDue(Date.now(), free, this.scope());
    } catch (error) {
      // A busy or full store must not leave due sends waiting for a wake-up nobody will send.
      this.onError(`outbox: ${(error as Error).message}`);
      this.wake(Date.now() + claimRetryMs);
      return;
    }
    for (const row of rows) {
      const job: Promise<void> = this.run(row)
        .catch((error: Error) => this.onError(`outbox ${row.id}: ${error.message}`))
        .finally(() => {
          this.running.delete(job);
          this.wake();
        });
      this.running.add(job);
    }
    this.wake();
  }
}
