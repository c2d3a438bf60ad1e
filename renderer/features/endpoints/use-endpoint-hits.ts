import { useEffect, useState } from 'react';
import type { EndpointHitCount } from '../../../src/model/endpoint';
import { endpointsApi } from '../../api/endpoints';

/** How often the list's hit counts refresh while the Endpoints view is open: a glance, not a live feed. */
const POLL_MS = 2000;

/** Hit counts by endpoint id, polled while mounted; a failed poll keeps the last counts (they are a hint). */
export function useEndpointHits(): ReadonlyMap<number, EndpointHitCount> {
  const [hits, setHits] = useState<ReadonlyMap<number, EndpointHitCount>>(new Map());
  useEffect(() => {
    let stopped = false;
    const load = () =>
      endpointsApi.hits().then(
        (list) => {
          if (!stopped) setHits(new Map(list.map((h) => [h.endpointId, h])));
        },
        () => undefined,
      );
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return hits;
}
