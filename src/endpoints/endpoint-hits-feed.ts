import type { CoreEvents } from '../events.js';
import type { EndpointHits } from './endpoint-hits.js';

/** A burst of captures is counted once per window, like the event stream's 100 ms flush. */
const minDelayMs = 100;
/** The wait grows with what the last count cost, so counting takes at most ~1/10 of the loop. */
const costFactor = 10;

/**
 * Pushes fresh hit counts (`endpoint-hits`) while someone watches, instead of the UI asking on
 * a timer: committed captures mark their endpoints, a delete, clear or reset marks what it may
 * have changed, and one query per window recounts just those. The counts are the same ones the
 * list route answers, so a push can never drift from what is stored. Nothing runs on the commit
 * itself but marking ids: the count waits for the timer.
 */
export class EndpointHitsFeed {
  private watchers = 0;
  private unsubscribe: Array<() => void> = [];
  private readonly dirty = new Set<number>();
  private everyEndpoint = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastCostMs = 0;

  constructor(
    private readonly events: CoreEvents,
    private readonly hits: EndpointHits,
    /** Every endpoint that exists, for changes that cannot name theirs (deletes, clear). */
    private readonly endpointIds: () => readonly number[],
  ) {}

  /** Counts are pushed while at least one watcher is in (an open event stream). Returns the leave. */
  watch(): () => void {
    if (this.watchers++ === 0) this.start();
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (--this.watchers === 0) this.stop();
    };
  }

  private start(): void {
    this.unsubscribe = [
      this.events.on('committed', (rows) => {
        for (const row of rows) if (row.endpointId !== null && row.direction === 'in') this.mark(row.endpointId);
      }),
      // The deleted rows are gone, and their endpoints with them: recount every endpoint.
      this.events.on('deleted', () => this.markEvery()),
      this.events.on('cleared', () => this.markEvery()),
      this.hits.onReset((endpointId) => this.mark(endpointId)),
    ];
  }

  private stop(): void {
    for (const stop of this.unsubscribe) stop();
    this.unsubscribe = [];
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty.clear();
    this.everyEndpoint = false;
  }

  private mark(endpointId: number): void {
    this.dirty.add(endpointId);
    this.schedule();
  }

  private markEvery(): void {
    this.everyEndpoint = true;
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.push(), Math.max(minDelayMs, this.lastCostMs * costFactor));
  }

  private push(): void {
    this.timer = undefined;
    const ids = this.everyEndpoint ? [...this.endpointIds()] : [...this.dirty];
    this.dirty.clear();
    this.everyEndpoint = false;
    if (ids.length === 0) return;
    const started = performance.now();
    try {
      const items = this.hits.list(ids);
      this.lastCostMs = performance.now() - started;
      this.events.emit('endpoint-hits', items);
    } catch (error) {
      // A failed count is a missed hint, not a failed capture: the next change pushes again.
      this.events.emit('error', `endpoint hit counts: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
