import type { EndpointHitCount } from '../model/endpoint.js';
import type { EndpointHitsRepository } from '../store/endpoint-hits-repository.js';

export type { EndpointHitCount };

/**
 * Per-endpoint hit counters in the manner of Mockoon's per-route counters. A reset only moves a
 * marker (the newest exchange id at that moment) kept in memory: nothing is stored, so counting
 * restarts "since start" with the app, and stored captures are never touched.
 */
export class EndpointHits {
  private readonly startMarker: number;
  private readonly startedAt = Date.now();
  private readonly resets = new Map<number, { afterId: number; at: number }>();
  private readonly resetListeners = new Set<(endpointId: number) => void>();

  constructor(
    private readonly repository: EndpointHitsRepository,
    /** The newest exchange id (the exchanges repository's). */
    private readonly maxId: () => number,
  ) {
    this.startMarker = maxId();
  }

  /** One count per id, in the order asked, from one query however many endpoints there are. */
  list(endpointIds: readonly number[]): EndpointHitCount[] {
    const marks = endpointIds.map((endpointId) => ({ endpointId, ...this.markOf(endpointId) }));
    const counts = this.repository.counts(marks);
    return marks.map(({ endpointId, at }) => {
      const count = counts.get(endpointId);
      return { endpointId, total: count?.total ?? 0, recent: count?.recent ?? 0, since: at };
    });
  }

  reset(endpointId: number): void {
    this.resets.set(endpointId, { afterId: this.maxId(), at: Date.now() });
    for (const listener of this.resetListeners) listener(endpointId);
  }

  /** Told after each reset (the live feed pushes the restarted count). Returns the unsubscribe. */
  onReset(listener: (endpointId: number) => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  private markOf(endpointId: number): { afterId: number; at: number } {
    return this.resets.get(endpointId) ?? { afterId: this.startMarker, at: this.startedAt };
  }
}
