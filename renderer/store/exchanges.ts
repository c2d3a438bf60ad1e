import { createStore } from 'zustand/vanilla';
import type { ExchangeSummary } from '../../src/model/exchange';

/** Beyond this many rows held back while the user is scrolled away, reload instead of holding more. */
export const PENDING_CAP = 5000;
/**
 * While the user watches the top, rows pushed further down than this are let go (paging brings
 * them back): a capture flood must not grow memory and per-update work without bound.
 */
export const FOLLOWING_CAP = 10_000;

export interface ExchangesState {
  /** Newest first; ids only grow, so "newer" is simply a larger id. */
  items: ExchangeSummary[];
  /** Arrived while the user was scrolled away; shown as the "N new" pill. */
  pending: ExchangeSummary[];
  /** More arrived than `pending` holds (or than one page covers): showing them means a reload. */
  pendingGap: boolean;
  next: string | null;
  phase: 'loading' | 'ready' | 'error';
  error: string | null;
  older: 'idle' | 'loading' | 'error';
  /** The list is scrolled to its top: new rows go straight in. */
  following: boolean;
  /** How many rows the current filters match, counted by the server up to a cap (null: not known yet). */
  total: number | null;
  totalCapped: boolean;
}

export const initialExchanges: ExchangesState = {
  items: [],
  pending: [],
  pendingGap: false,
  next: null,
  phase: 'loading',
  error: null,
  older: 'idle',
  following: true,
  total: null,
  totalCapped: false,
};

export const exchangesStore = createStore<ExchangesState>(() => initialExchanges);

export function newestId(state: ExchangesState): number {
  return state.pending[0]?.id ?? state.items[0]?.id ?? 0;
}

/** Keep only rows newer than what we have, newest first. */
export function newerThan(rows: readonly ExchangeSummary[], id: number): ExchangeSummary[] {
  return rows.filter((r) => r.id > id).sort((a, b) => b.id - a.id);
}

export function receiveNewer(rows: readonly ExchangeSummary[], gap = false): void {
  const state = exchangesStore.getState();
  const fresh = newerThan(rows, newestId(state));
  if (fresh.length === 0 && !gap) return;
  if (state.following && state.pending.length === 0 && !state.pendingGap && !gap) {
    const items = fresh.concat(state.items);
    if (items.length <= FOLLOWING_CAP) {
      exchangesStore.setState({ items });
      return;
    }
    // The server's cursor is the id of the last row of a page (`before` = older than that id).
    const kept = items.slice(0, FOLLOWING_CAP);
    exchangesStore.setState({ items: kept, next: String(kept[kept.length - 1]!.id) });
    return;
  }
  const pending = fresh.concat(state.pending);
  const overflow = pending.length > PENDING_CAP;
  exchangesStore.setState({
    pending: overflow ? pending.slice(0, PENDING_CAP) : pending,
    pendingGap: state.pendingGap || gap || overflow,
  });
}

export function removeIds(ids: readonly number[]): void {
  const gone = new Set(ids);
  const { items, pending } = exchangesStore.getState();
  exchangesStore.setState({
    items: items.some((r) => gone.has(r.id)) ? items.filter((r) => !gone.has(r.id)) : items,
    pending: pending.some((r) => gone.has(r.id)) ? pending.filter((r) => !gone.has(r.id)) : pending,
  });
}

/** Rows whose derived facts changed (a verdict re-run): swap them in place where they are shown. */
export function replaceRows(rows: readonly ExchangeSummary[]): void {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const { items, pending } = exchangesStore.getState();
  const swap = (list: ExchangeSummary[]): ExchangeSummary[] => (list.some((r) => byId.has(r.id)) ? list.map((r) => byId.get(r.id) ?? r) : list);
  exchangesStore.setState({ items: swap(items), pending: swap(pending) });
}
