/** Share of its time the receiver's loop was busy, above which the receiver counts as busy. */
const busyLoopShare = 0.5;
/** How far back the share is read. */
const windowMs = 500;
/**
 * A notice after a quiet spell spans the whole spell: only its recent end says anything about now,
 * and counted whole it would hide the start of a load for a window.
 */
const maxSampleSpanMs = 50;
/**
 * Under load a notice comes every 10 ms (pipeline.ts): none for this long means the load stopped,
 * and the backlog should be worked off now, not a window later.
 */
const quietAfterMs = 100;

interface Sample {
  at: number;
  activeMs: number;
  spanMs: number;
}

/**
 * How busy the receiver is, from the share of its event loop's time that was not idle (Node's
 * event loop utilization), reported with each commit notice. While it is busy the derivation
 * thread runs one short batch now and then: on a two-core machine every cycle it takes while a
 * load generator and the receiver saturate the cores comes out of the captures' throughput.
 *
 * A loop share, not a capture rate: 300 postbacks a second keep a receiver's loop about 1 % busy,
 * and pacing the derivation then would only let verdicts and metrics fall behind for nothing
 * (a rate threshold of 200/s did exactly that). No notice for a window means idle.
 */
export class LoadMeter {
  private samples: Sample[] = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The receiver's loop was busy `activeMs` of the last `spanMs`. */
  add(activeMs: number, spanMs: number): void {
    const span = Math.min(spanMs, maxSampleSpanMs);
    this.samples.push({ at: this.now(), activeMs: Math.min(activeMs, span), spanMs: span });
    this.prune();
  }

  busy(): boolean {
    this.prune();
    const newest = this.samples[this.samples.length - 1];
    if (!newest || this.now() - newest.at > quietAfterMs) return false;
    let active = 0;
    let span = 0;
    for (const sample of this.samples) {
      active += sample.activeMs;
      span += sample.spanMs;
    }
    return span > 0 && active / span >= busyLoopShare;
  }

  private prune(): void {
    const oldest = this.now() - windowMs;
    let drop = 0;
    while (drop < this.samples.length && this.samples[drop]!.at < oldest) drop++;
    if (drop > 0) this.samples = this.samples.slice(drop);
  }
}
