import type { BaselineResult } from './model/comparison.js';
import type { EndpointHitCount } from './model/endpoint.js';
import type { ExchangeSummary } from './model/exchange.js';
import type { DeltaRow } from './model/metrics.js';
import type { VerdictSummary } from './model/verdict.js';
import type { StoredExchange } from './store/exchange-record.js';

export interface CoreEventMap {
  /** Rows just committed (one event per group commit). */
  committed: StoredExchange[];
  deleted: number[];
  cleared: undefined;
  indexed: number;
  error: string;
  /** Captures just diffed against their golden baseline (one event per checker batch). */
  'baseline-results': BaselineResult[];
  /** New and re-run verdicts (one event per worker batch). */
  verdicts: VerdictSummary[];
  /** New captures once every derived fact is in (index, verdict, baselines), as list rows. */
  derived: ExchangeSummary[];
  /** Rows announced before whose derived facts changed (a verdict re-run). */
  'derived-updated': ExchangeSummary[];
  /** Too many new rows at once to push: subscribers refetch. */
  'derived-overflow': number;
  /** Fresh counts of endpoints whose hits changed (captures, deletes, a reset), while watched. */
  'endpoint-hits': EndpointHitCount[];
  /** Metric rollups that changed (per minute and dimension). */
  'metrics-delta': DeltaRow[];
}

type Listener<T> = (payload: T) => void;

/** A small typed event bus: the core's only way of telling hosts (API, UI, CLI) what happened. */
export class CoreEvents {
  private readonly listeners = new Map<keyof CoreEventMap, Set<Listener<never>>>();

  on<K extends keyof CoreEventMap>(event: K, listener: Listener<CoreEventMap[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<K extends keyof CoreEventMap>(event: K, payload: CoreEventMap[K]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as Listener<CoreEventMap[K]>)(payload);
      } catch {
        // One faulty subscriber must not stop capture or the others.
      }
    }
  }
}
