import { useEffect, useState } from 'react';
import type { ExchangeDetail } from '../../../src/model/exchange';
import { api, errorMessage } from '../../api/client';

/** Captures never change once stored, so a small cache makes moving back and forth instant. */
const CACHE_SIZE = 30;
const cache = new Map<number, ExchangeDetail>();
/** Holding j/k scrolls through rows; only the row the user stops on is fetched. */
const SETTLE_MS = 60;

function remember(detail: ExchangeDetail): void {
  cache.delete(detail.id);
  cache.set(detail.id, detail);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
}

export function forgetDetail(id: number): void {
  cache.delete(id);
}

export interface DetailState {
  detail: ExchangeDetail | null;
  loading: boolean;
  error: string | null;
  retry: () => void;
}

export function useExchangeDetail(id: number | null): DetailState {
  const [state, setState] = useState<{ id: number | null; detail: ExchangeDetail | null; error: string | null }>({
    id: null,
    detail: null,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (id === null) return;
    const cached = cache.get(id);
    if (cached) {
      setState({ id, detail: cached, error: null });
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      api.detail(id, abort.signal).then(
        (detail) => {
          remember(detail);
          setState({ id, detail, error: null });
        },
        (err: unknown) => {
          if ((err as Error).name !== 'AbortError') setState({ id, detail: null, error: errorMessage(err) });
        },
      );
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [id, attempt]);

  const current = state.id === id;
  return {
    detail: current ? state.detail : null,
    loading: id !== null && (!current || (state.detail === null && state.error === null)),
    error: current ? state.error : null,
    retry: () => {
      setState({ id: null, detail: null, error: null });
      setAttempt((a) => a + 1);
    },
  };
}
