import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ControlEvent, ExchangeSummary } from '../../src/model/exchange';
import type { ExchangeVerdict, VerdictSummary } from '../../src/model/verdict';
import { errorMessage } from '../api/client';
import { listenControlEvents } from '../api/events';
import { verdictsApi } from '../api/verdicts';

/**
 * Verdict badges for the Inbox and the verdict of the open postback.
 *
 * Rows ask for their badge while they are on screen (`useVerdictSummary`): ids are batched into
 * one `GET /api/verdicts?ids=` per tick. Verdicts are computed after the capture commits, so a
 * fresh row may have none yet: it shows nothing until the `verdicts` event brings it (verdicts
 * are pushed for new captures and for re-runs after a profile changes). The inbox sync owns the
 * app's one event stream and passes every event on; this store listens while something on screen
 * shows a verdict.
 */

export interface VerdictsState {
  summaries: ReadonlyMap<number, VerdictSummary>;
  /** Bumped for an id each time a (re)computed verdict is announced: open detail tabs refetch. */
  versions: ReadonlyMap<number, number>;
}

export const verdictsStore = createStore<VerdictsState>(() => ({ summaries: new Map(), versions: new Map() }));

/** Past this many remembered badges the lowest ids (oldest captures) are let go; paging asks again. */
const MAX_KNOWN = 20_000;
const FETCH_DELAY_MS = 30;
const CHUNK = 500;
/** Listening goes on this long after the last verdict leaves the screen (view switches are quick). */
const LISTEN_GRACE_MS = 15_000;

const watchers = new Map<number, number>();
/** Ids fetched (or in flight) since the stream last (re)opened. */
const asked = new Set<number>();
const queue = new Set<number>();
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let stopListening: (() => void) | null = null;
let listenGrace: ReturnType<typeof setTimeout> | undefined;

function merge(items: readonly VerdictSummary[], bump: boolean): void {
  if (items.length === 0) return;
  verdictsStore.setState((s) => {
    const summaries = new Map(s.summaries);
    const versions = bump ? new Map(s.versions) : s.versions;
    for (const item of items) {
      summaries.set(item.exchangeId, item);
      if (bump) (versions as Map<number, number>).set(item.exchangeId, (s.versions.get(item.exchangeId) ?? 0) + 1);
    }
    if (summaries.size > MAX_KNOWN) {
      const drop = [...summaries.keys()].sort((a, b) => a - b).slice(0, summaries.size - MAX_KNOWN);
      for (const id of drop) if (!watchers.has(id)) summaries.delete(id);
    }
    return { summaries, versions };
  });
}

/**
 * Rows from the list and the live stream carry their verdict already (the pipeline attaches it
 * before it pushes them): take it from there instead of asking again. `bump` for re-runs, so an
 * open detail tab refetches its full verdict.
 */
export function seedVerdicts(rows: readonly ExchangeSummary[], bump = false): void {
  const known = rows.flatMap((r) => (r.verdict ? [r.verdict] : []));
  for (const v of known) asked.add(v.exchangeId);
  merge(known, bump);
}

function forget(ids: readonly number[] | null): void {
  if (ids === null) {
    asked.clear();
    verdictsStore.setState({ summaries: new Map(), versions: new Map() });
    return;
  }
  for (const id of ids) asked.delete(id);
  verdictsStore.setState((s) => {
    const summaries = new Map(s.summaries);
    for (const id of ids) summaries.delete(id);
    return { summaries };
  });
}

async function flush(): Promise<void> {
  flushTimer = undefined;
  const ids = [...queue].filter((id) => watchers.has(id));
  queue.clear();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    try {
      merge(await verdictsApi.summaries(chunk), false);
    } catch {
      // A badge is a hint: on failure, forget that we asked so the next poll tries again.
      for (const id of chunk) asked.delete(id);
    }
  }
}

function ask(id: number): void {
  if (asked.has(id)) return;
  asked.add(id);
  queue.add(id);
  flushTimer ??= setTimeout(() => void flush(), FETCH_DELAY_MS);
}

function onEvent(event: ControlEvent): void {
  switch (event.type) {
    case 'verdicts':
      merge(event.items, true);
      break;
    case 'deleted':
      forget(event.ids);
      break;
    case 'cleared':
      forget(null);
      break;
  }
}

function ensureListening(): void {
  clearTimeout(listenGrace);
  listenGrace = undefined;
  if (stopListening) return;
  stopListening = listenControlEvents({
    onEvent,
    // Events may have been missed while the stream was down: what is on screen is asked again.
    // No timed repoll: while the stream is open every verdict computed is pushed, and each
    // (re)open asks again for what is on screen, so nothing is left to chance.
    onOpen: () => {
      asked.clear();
      for (const id of watchers.keys()) ask(id);
    },
  });
}

function releaseListening(): void {
  if (watchers.size > 0 || listenGrace !== undefined) return;
  listenGrace = setTimeout(() => {
    listenGrace = undefined;
    if (watchers.size > 0) return;
    stopListening?.();
    stopListening = null;
    // Nothing hears about re-runs now: what is remembered may go stale, so it is asked again next time.
    asked.clear();
  }, LISTEN_GRACE_MS);
}

function watch(id: number): () => void {
  watchers.set(id, (watchers.get(id) ?? 0) + 1);
  ensureListening();
  ask(id);
  return () => {
    const n = (watchers.get(id) ?? 1) - 1;
    if (n > 0) watchers.set(id, n);
    else watchers.delete(id);
    releaseListening();
  };
}

/** The badge of one capture: undefined while it has none yet (or is being fetched). */
export function useVerdictSummary(id: number | null): VerdictSummary | undefined {
  useEffect(() => (id === null ? undefined : watch(id)), [id]);
  return useStore(verdictsStore, (s) => (id === null ? undefined : s.summaries.get(id)));
}

// ---------------------------------------------------------------- the open postback's verdict

const CACHE_SIZE = 30;
const cache = new Map<string, ExchangeVerdict>();

function remember(key: string, verdict: ExchangeVerdict): void {
  cache.delete(key);
  cache.set(key, verdict);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
}

export interface ExchangeVerdictState {
  verdict: ExchangeVerdict | null;
  loading: boolean;
  error: string | null;
  retry: () => void;
}

/** The full verdict (per-param checks, issues, signature explain); refetched when it is recomputed. */
export function useExchangeVerdict(id: number): ExchangeVerdictState {
  const version = useStore(verdictsStore, (s) => s.versions.get(id) ?? 0);
  const key = `${id}:${version}`;
  const [state, setState] = useState<{ key: string; verdict: ExchangeVerdict | null; error: string | null }>(() => ({
    key,
    verdict: cache.get(key) ?? null,
    error: null,
  }));
  const [attempt, setAttempt] = useState(0);

  useEffect(() => watch(id), [id]);

  useEffect(() => {
    const cached = cache.get(key);
    if (cached) {
      setState({ key, verdict: cached, error: null });
      return;
    }
    const abort = new AbortController();
    verdictsApi.forExchange(id, abort.signal).then(
      (verdict) => {
        remember(key, verdict);
        setState({ key, verdict, error: null });
      },
      (err: unknown) => {
        if ((err as Error).name !== 'AbortError') setState((s) => ({ key, verdict: s.verdict, error: errorMessage(err) }));
      },
    );
    return () => abort.abort();
  }, [id, key, attempt]);

  const current = state.key === key;
  return {
    // A recomputed verdict replaces the previous one when it lands; until then the previous stays.
    verdict: state.verdict && (current || state.key.startsWith(`${id}:`)) ? state.verdict : null,
    loading: !current || (state.verdict === null && state.error === null),
    error: current ? state.error : null,
    retry: () => {
      setState((s) => ({ ...s, key: '', error: null }));
      setAttempt((a) => a + 1);
    },
  };
}
