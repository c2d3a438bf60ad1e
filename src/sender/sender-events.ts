import type { AttemptView, BulkProgress, BulkSummary, OutboxItem } from '../model/sender.js';

export interface SenderEventMap {
  /** An outbox row changed state (queued, attempted, scheduled, delivered, failed, cancelled). */
  outbox: OutboxItem;
  /** One delivery attempt finished. */
  attempt: AttemptView & { bulkId: string | null };
  'bulk-progress': BulkProgress;
  'bulk-done': BulkSummary;
  /** Something went wrong outside a request (store write, worker): shown, never thrown. */
  error: string;
}

type Listener<T> = (payload: T) => void;

/** The sender's own typed bus (the core's event map belongs to capture). */
export class SenderEvents {
  private readonly listeners = new Map<keyof SenderEventMap, Set<Listener<never>>>();

  on<K extends keyof SenderEventMap>(event: K, listener: Listener<SenderEventMap[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  /** Building a payload can cost (bulk sends emit per postback): ask first. */
  has(event: keyof SenderEventMap): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  emit<K extends keyof SenderEventMap>(event: K, payload: SenderEventMap[K]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as Listener<SenderEventMap[K]>)(payload);
      } catch {
        // A faulty subscriber must not stop deliveries.
      }
    }
  }
}
