import { performance } from 'node:perf_hooks';

/** Captures per window above which the receiver counts as under load. */
const busyCapturesPerWindow = 20;
const windowMs = 100;
/** Under load, background batches wait this long between runs, leaving the loop to captures. */
const pauseUnderLoadMs = 1000;
/** Longest that verdicts, baselines and metrics wait for the index under a steady stream. */
const maxWaitMs = 5000;
/** How often deferred work re-checks whether the index has caught up. */
const indexFirstRetryMs = 50;

export type Defer = (run: () => void) => void;

/**
 * Paces the post-commit workers (search index, verdicts, baseline diffs). They all share the
 * receiver's event loop: when postbacks pour in, they run one short batch a second and catch
 * up once the burst ends; when captures are sparse they run at once. Capture is never slowed by
 * more than a batch's time budget, and nothing derived is ever skipped, only deferred.
 */
export class BackgroundPacer {
  private windowStart = 0;
  private current = 0;
  private previous = 0;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  noteCaptures(count: number): void {
    this.roll();
    this.current += count;
  }

  underLoad(): boolean {
    this.roll();
    return this.current + this.previous >= busyCapturesPerWindow;
  }

  /** Set by the core: whether the search index is behind (it catches up before the rest). */
  indexBehind: () => boolean = () => false;

  /** For the search index: lookups and the UI's filters depend on it first. */
  readonly defer: Defer = (run) => {
    if (this.closed) return;
    if (this.underLoad()) this.later(run, pauseUnderLoadMs);
    else setImmediate(run);
  };

  /**
   * For verdicts, baseline diffs and metrics: they wait while captures pour in and until the index
   * has caught up, but never longer than `maxWaitMs`, so a steady stream cannot starve them.
   */
  readonly deferAfterIndex: Defer = (run) => {
    if (this.closed) return;
    if (!this.underLoad() && !this.indexBehind()) {
      setImmediate(run);
      return;
    }
    const since = performance.now();
    const attempt = (): void => {
      const waited = performance.now() - since;
      if (waited >= maxWaitMs || (!this.underLoad() && !this.indexBehind())) run();
      else this.later(attempt, this.underLoad() ? pauseUnderLoadMs : indexFirstRetryMs);
    };
    this.later(attempt, indexFirstRetryMs);
  };

  /** Drops every waiting batch: called before the database closes. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private later(run: () => void, ms: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) run();
    }, ms);
    this.timers.add(timer);
  }

  private roll(): void {
    const now = performance.now();
    const elapsed = now - this.windowStart;
    if (elapsed < windowMs) return;
    this.previous = elapsed < 2 * windowMs ? this.current : 0;
    this.current = 0;
    this.windowStart = now - (elapsed % windowMs);
  }
}
