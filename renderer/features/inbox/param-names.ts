import { useEffect, useState } from 'react';
import { api } from '../../api/client';

/** Names change as captures arrive, but not every keystroke: ask again at most this often. */
const MAX_AGE_MS = 15_000;

let cache: { names: string[]; at: number } | null = null;
let inflight: Promise<string[]> | null = null;

function load(): Promise<string[]> {
  if (cache && Date.now() - cache.at < MAX_AGE_MS) return Promise.resolve(cache.names);
  inflight ??= api
    .paramNames()
    .then(({ names }) => {
      cache = { names, at: Date.now() };
      return names;
    })
    // Autocomplete is a help, not a feature that may fail loudly: without names, fields still complete.
    .catch(() => cache?.names ?? [])
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

/** Param names seen in captures (GET /api/params), refreshed when the search box opens. */
export function useParamNames(active: boolean): string[] {
  const [names, setNames] = useState<string[]>(cache?.names ?? []);
  useEffect(() => {
    if (!active) return;
    let live = true;
    void load().then((n) => live && setNames(n));
    return () => {
      live = false;
    };
  }, [active]);
  return names;
}
