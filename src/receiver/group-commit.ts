import type { ExchangeRecord, StoredExchange } from '../store/exchange-record.js';
import type { ExchangesRepository } from '../store/exchanges-repository.js';

interface Waiting {
  record: ExchangeRecord;
  resolve: (id: number) => void;
  reject: (error: Error) => void;
}

export interface GroupCommitLimits {
  maxQueuedCaptures: number;
  maxQueuedBytes: number;
}

/**
 * Commits captures in batches: everything queued during one turn of the event loop goes into
 * one transaction (flushed on setImmediate, not a timer, so no request waits a timer cycle).
 * Each caller's promise settles only after its row is on disk, so an acknowledged postback is
 * never lost; a full queue is refused up front so the caller can answer 503.
 */
export class GroupCommitter {
  private queue: Waiting[] = [];
  private queuedBytes = 0;
  private flushScheduled = false;

  constructor(
    private readonly repository: ExchangesRepository,
    private readonly limits: GroupCommitLimits,
    private readonly onCommitted: (rows: StoredExchange[]) => void,
    private readonly onFailed: (error: Error) => void = () => undefined,
  ) {}

  /** Queues a capture; null when the queue is full (the caller answers 503). */
  enqueue(record: ExchangeRecord): Promise<number> | null {
    if (this.queue.length >= this.limits.maxQueuedCaptures || this.queuedBytes + record.body.length > this.limits.maxQueuedBytes) {
      return null;
    }
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      this.queuedBytes += record.body.length;
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  get depth(): number {
    return this.queue.length;
  }

  /** Writes everything queued now. Also called on close so nothing in flight is dropped. */
  flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    this.queuedBytes = 0;
    let ids: number[];
    try {
      ids = this.repository.insertMany(batch.map((w) => w.record));
    } catch (error) {
      this.onFailed(error as Error);
      for (const waiting of batch) waiting.reject(error as Error);
      return;
    }
    // The queued records become the stored rows (no copy per row on the receiver's loop).
    const stored = batch.map((w, i) => Object.assign(w.record, { id: ids[i]! }) as StoredExchange);
    batch.forEach((w, i) => w.resolve(ids[i]!));
    this.onCommitted(stored);
  }
}
