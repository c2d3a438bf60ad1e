/** Captures per second over a sliding window of one-second buckets, for the status line. */
export class CaptureRate {
  private readonly buckets = new Map<number, number>();

  add(count: number, now = Date.now()): void {
    const second = Math.floor(now / 1000);
    this.buckets.set(second, (this.buckets.get(second) ?? 0) + count);
    for (const key of this.buckets.keys()) if (key < second - 10) this.buckets.delete(key);
  }

  /** Average over the last `window` complete seconds. */
  perSecond(now = Date.now(), window = 3): number {
    const current = Math.floor(now / 1000);
    let total = 0;
    for (let s = current - window; s < current; s++) total += this.buckets.get(s) ?? 0;
    return total / window;
  }
}
