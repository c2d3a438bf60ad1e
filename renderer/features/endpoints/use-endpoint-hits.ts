import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { EndpointHitCount } from '../../../src/model/endpoint';
import { endpointsApi } from '../../api/endpoints';
import { listenControlEvents } from '../../api/events';
import { endpointsStore } from '../../store/endpoints';

type Hits = ReadonlyMap<number, EndpointHitCount>;

/**
 * Hit counts by endpoint id, kept live by the server's `endpoint-hits` pushes on the app's event
 * stream: fetched once on mount, on each (re)connect (pushes may have been missed) and when a
 * listed endpoint has no count yet (just created). No timed repoll. A failed fetch keeps the
 * last counts (they are a hint).
 */
export function useEndpointHits(): Hits {
  const [hits, setHits] = useState<Hits>(new Map());
  const listed = useStore(endpointsStore, (s) => s.items.map((e) => e.id).join(' '));
  const shown = useRef<Hits>(hits);
  shown.current = hits;
  const fetchIfMissing = useRef<() => void>(() => undefined);

  useEffect(() => {
    let stopped = false;
    // Endpoints pushed while a fetch is in flight keep the pushed count: the push is at least as
    // new as the fetch's answer, or a later push follows the change that made it older.
    const inFlight = new Set<Set<number>>();
    const load = (): void => {
      const pushed = new Set<number>();
      inFlight.add(pushed);
      endpointsApi.hits().then(
        (list) => {
          inFlight.delete(pushed);
          if (stopped) return;
          setHits((prev) => {
            const next = new Map(list.map((h) => [h.endpointId, h]));
            for (const id of pushed) {
              const kept = prev.get(id);
              if (kept) next.set(id, kept);
            }
            return next;
          });
        },
        () => void inFlight.delete(pushed),
      );
    };
    fetchIfMissing.current = () => {
      const missing = endpointsStore.getState().items.some((e) => !shown.current.has(e.id));
      if (missing && inFlight.size === 0) load();
    };
    const stopListening = listenControlEvents({
      onEvent: (event) => {
        if (event.type !== 'endpoint-hits') return;
        for (const pushed of inFlight) for (const h of event.items) pushed.add(h.endpointId);
        setHits((prev) => {
          const next = new Map(prev);
          for (const h of event.items) next.set(h.endpointId, h);
          return next;
        });
      },
      onOpen: load,
    });
    // The shared stream may be live already, so no open comes: load now.
    load();
    return () => {
      stopped = true;
      stopListening();
      fetchIfMissing.current = () => undefined;
    };
  }, []);

  useEffect(() => fetchIfMissing.current(), [listed]);

  return hits;
}
