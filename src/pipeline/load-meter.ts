/** Captures per second above which the receiver counts as busy. */
const busyPerSecond = 200;
const windowMs = 250;

/**
 * How busy the receiver is, from the commit notices it sends. While it is busy the derivation
 * thread runs one short batch now and then: on a two-core machine every cycle it takes while a
 * load generator and the receiver saturate the cores comes out of the captures' throughput.
 */
export class LoadMeter {
  private windowStart = 0;
  private current = 0;
  private previous = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  add(count: number): void {
    this.roll();
    this.current += count;
  }

  busy(): boolean {
    this.roll();
    return ((this.current + this.previous) * 1000) / (2 * windowMs) >= busyPerSecond;
  }

  private roll(): void {
    const now = this.now();
    const elapsed = now - this.windowStart;
    if (elapsed < windowMs) return;
    this.previous = elapsed < 2 * windowMs ? this.current : 0;
    this.current = 0;
    this.windowStart = now - (elapsed % windowMs);
  }
}
