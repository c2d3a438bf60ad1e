import { searchableFields } from './decode/searchable-fields.js';
import type { StoredExchange } from './store/exchange-record.js';

interface Waiter {
  params: Array<[string, string]>;
  resolve: (exchange: StoredExchange | null) => void;
  timer: NodeJS.Timeout;
}

/**
 * Long-poll support for test suites ("wait until the partner got my postback"). Matches rows
 * as they are committed, directly, so it never depends on how far the search index has got.
 */
export class CaptureWaiters {
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly maxDecodedBytes: number) {}

  wait(params: Array<[string, string]>, timeoutMs: number): { promise: Promise<StoredExchange | null>; cancel: () => void } {
    let waiter!: Waiter;
    const promise = new Promise<StoredExchange | null>((resolve) => {
      waiter = {
        params,
        resolve,
        timer: setTimeout(() => this.settle(waiter, null), timeoutMs),
      };
      this.waiters.add(waiter);
    });
    return { promise, cancel: () => this.settle(waiter, null) };
  }

  onCommitted(rows: readonly StoredExchange[]): void {
    if (this.waiters.size === 0) return;
    for (const row of rows) {
      const has = this.paramsOf(row);
      for (const waiter of this.waiters) {
        if (waiter.params.every((p) => has(p))) this.settle(waiter, row);
      }
    }
  }

  /** The newest of these rows (newest first) that has all the params: for rows the index has not reached yet. */
  firstMatch(rows: Iterable<StoredExchange>, params: ReadonlyArray<[string, string]>): StoredExchange | null {
    for (const row of rows) {
      const has = this.paramsOf(row);
      if (params.every((p) => has(p))) return row;
    }
    return null;
  }

  /** Decodes a capture once; the answer tells whether it carries a name/value pair. */
  private paramsOf(row: StoredExchange): (param: readonly [string, string]) => boolean {
    const fields = searchableFields(row.target, row.rawHeaders, row.body, this.maxDecodedBytes);
    const have = new Set(fields.params.map(([n, v]) => `${n}\u0000${v}`));
    return ([n, v]) => have.has(`${n}\u0000${v}`);
  }

  cancelAll(): void {
    for (const waiter of this.waiters) this.settle(waiter, null);
  }

  private settle(waiter: Waiter, exchange: StoredExchange | null): void {
    if (!this.waiters.delete(waiter)) return;
    clearTimeout(waiter.timer);
    waiter.resolve(exchange);
  }
}
