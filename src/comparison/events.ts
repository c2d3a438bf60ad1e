/**
 * The comparison module's own small emitter, until `baseline-results` joins CoreEventMap; the
 * wiring forwards it to the core bus (and so to the SSE stream) with one line.
 */
import type { ComparisonEventMap } from '../model/comparison.js';

type Listener<T> = (payload: T) => void;

export class ComparisonEvents {
  private readonly listeners = new Map<keyof ComparisonEventMap, Set<Listener<never>>>();

  on<K extends keyof ComparisonEventMap>(event: K, listener: Listener<ComparisonEventMap[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<K extends keyof ComparisonEventMap>(event: K, payload: ComparisonEventMap[K]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as Listener<ComparisonEventMap[K]>)(payload);
      } catch {
        // A faulty subscriber must not stop the checker or the others.
      }
    }
  }
}
