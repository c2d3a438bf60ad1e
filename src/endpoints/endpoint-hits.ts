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

  constructor(
    private readonly repository: EndpointHitsRepository,
    /** The newest exchange id (the exchanges repository's). */
    private readonly maxId: () => number,
  ) {
    this.startMarker = maxId();
  }

  list(endpointIds: readonly number[]): EndpointHitCount[] {
    const totals = this.repository.totals();
    return endpointIds.map((endpointId) => {
      const reset = this.resets.get(endpointId) ?? { afterId: this.startMarker, at: this.startedAt };
      const total = totals.get(endpointId) ?? 0;
      const recent = total === 0 ? 0 : this.repository.countSince(endpointId, reset.afterId);
      return { endpointId, total, recent, since: reset.at };
    });
  }

  reset(endpointId: number): void {
    this.resets.set(endpointId, { afterId: this.maxId(), at: Date.now() });
  }
}
