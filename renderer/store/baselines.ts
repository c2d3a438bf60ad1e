import { useEffect } from 'react';
import type { Baseline, BaselineResult, RuleScope } from '../../src/model/comparison';
import type { ControlEvent } from '../../src/model/exchange';
import { errorMessage } from '../api/client';
import { diffApi } from '../api/diff';
import { listenControlEvents } from '../api/events';
import { diffStore, type DiffState } from './diff';
import { exchangesStore } from './exchanges';

/** Golden baselines: pinning one per endpoint or profile, and the pass/fail badge of each listed capture against it (kept in the diff store). */

export async function loadBaselines(): Promise<void> {
  try {
    diffStore.setState({ baselines: await diffApi.baselines(), baselinesError: null });
  } catch (err) {
    diffStore.setState({ baselinesError: errorMessage(err) });
  }
}

export function baselineFor(scope: RuleScope, scopeId: number | null, s: DiffState = diffStore.getState()): Baseline | null {
  if (scopeId === null) return null;
  return s.baselines.find((b) => b.scope === scope && b.scopeId === scopeId) ?? null;
}

export async function pinBaseline(scope: RuleScope, scopeId: number, exchangeId: number): Promise<void> {
  const pinned = await diffApi.pin(scope, scopeId, exchangeId);
  diffStore.setState((s) => ({ baselines: [...s.baselines.filter((b) => !(b.scope === scope && b.scopeId === scopeId)), pinned] }));
}

export async function unpinBaseline(scope: RuleScope, scopeId: number): Promise<void> {
  await diffApi.unpin(scope, scopeId);
  diffStore.setState((s) => ({ baselines: s.baselines.filter((b) => !(b.scope === scope && b.scopeId === scopeId)) }));
}

/** Results from the list fetch, the detail fetch or the live stream: one per (exchange, scope). */
export function receiveBaselineResults(items: readonly BaselineResult[]): void {
  if (items.length === 0) return;
  diffStore.setState((s) => {
    const next = { ...s.baselineResults };
    for (const r of items) {
      const kept = (next[r.exchangeId] ?? []).filter((o) => !(o.scope === r.scope && o.scopeId === r.scopeId));
      next[r.exchangeId] = [...kept, r];
    }
    return { baselineResults: next };
  });
}

const asked = new Set<number>();
const FETCH_CHUNK = 500;

async function fetchResults(): Promise<void> {
  if (diffStore.getState().baselines.length === 0) return;
  const ids: number[] = [];
  for (const row of exchangesStore.getState().items) {
    if (!asked.has(row.id)) {
      asked.add(row.id);
      ids.push(row.id);
    }
  }
  for (let i = 0; i < ids.length; i += FETCH_CHUNK) {
    const chunk = ids.slice(i, i + FETCH_CHUNK);
    try {
      receiveBaselineResults((await diffApi.baselineResults(chunk)).items);
    } catch {
      // Badges are extras: ask again next time the list changes.
      for (const id of chunk) asked.delete(id);
    }
  }
}

let users = 0;
let stopSync: (() => void) | null = null;
let grace: ReturnType<typeof setTimeout> | undefined;
/** Listening goes on this long after the last badge or panel leaves the screen (view switches are quick). */
const SYNC_GRACE_MS = 15_000;

/**
 * List badges: results for the rows the list holds (pages, older pages), fetched in one call per
 * change; live captures get theirs from the `baseline-results` events, which the inbox sync's
 * stream passes on. Like the verdicts, this listens while something on screen shows a baseline.
 */
function startBaselineSync(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void fetchResults();
    }, 60);
  };
  const unsubscribe = exchangesStore.subscribe((next, prev) => {
    if (next.items !== prev.items) schedule();
  });
  const unsubscribeBaselines = diffStore.subscribe((next, prev) => {
    if (next.baselines !== prev.baselines && next.baselines.length > 0) schedule();
  });
  const reload = () => {
    asked.clear();
    void loadBaselines().then(schedule);
  };
  const stopStream = listenControlEvents({
    onEvent: (event: ControlEvent) => {
      if (event.type === 'baseline-results') receiveBaselineResults(event.items);
      else if (event.type === 'cleared') {
        asked.clear();
        diffStore.setState({ baselineResults: {} });
      }
    },
    // Events may have been missed while the stream was down: ask again for what the list holds.
    onOpen: reload,
  });
  // The shared stream may be live already, so no open comes: load now (an own stream used to open here).
  reload();
  return () => {
    stopStream();
    unsubscribe();
    unsubscribeBaselines();
    clearTimeout(timer);
    asked.clear();
  };
}

/** Keeps baselines and their results live while the calling component is mounted. */
export function useBaselineSync(): void {
  useEffect(() => {
    users++;
    clearTimeout(grace);
    grace = undefined;
    stopSync ??= startBaselineSync();
    return () => {
      users--;
      if (users > 0) return;
      grace = setTimeout(() => {
        grace = undefined;
        if (users > 0) return;
        stopSync?.();
        stopSync = null;
      }, SYNC_GRACE_MS);
    };
  }, []);
}
