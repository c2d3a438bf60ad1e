import { createStore } from 'zustand/vanilla';
import type { ExchangeSummary } from '../../src/model/exchange';
import { exchangesStore, removeIds } from './exchanges';

/** How long a delete or clear can be undone before its request is sent. */
export const UNDO_MS = 8000;

/**
 * Deletes and clears wait here, hidden from the list, until their undo window ends; only then is
 * the DELETE sent. Closing the window meanwhile sends nothing, so the data stays: the safe failure.
 */
export interface PendingDeletesState {
  /** Single deletes, in the order asked. */
  ids: number[];
  /** The rows single deletes took out of the list, so an undo can put them back in place. */
  rows: ExchangeSummary[];
  /** A clear: every id up to this one (what arrived after the click is spared). */
  through: number | null;
  /** What the toast says was removed. */
  count: number;
  kind: 'delete' | 'clear' | null;
  expiresAt: number | null;
  /** The request failed after the window: the rows are back, and this says why. */
  error: string | null;
}

const idle: PendingDeletesState = { ids: [], rows: [], through: null, count: 0, kind: null, expiresAt: null, error: null };

export const pendingDeletesStore = createStore<PendingDeletesState>(() => idle);

function isPendingDelete(id: number, s: PendingDeletesState = pendingDeletesStore.getState()): boolean {
  return (s.through !== null && id <= s.through) || s.ids.includes(id);
}

/** A reload or a live event may bring a hidden row back before its DELETE is sent: hide it again. */
export function keepPendingHidden(): () => void {
  return exchangesStore.subscribe((state) => {
    const s = pendingDeletesStore.getState();
    if (s.kind === null) return;
    const hidden = state.items.filter((r) => isPendingDelete(r.id, s)).map((r) => r.id);
    const held = state.pending.filter((r) => isPendingDelete(r.id, s)).map((r) => r.id);
    if (hidden.length || held.length) removeIds([...hidden, ...held]);
  });
}

let timer: ReturnType<typeof setTimeout> | undefined;
let commitFn: (s: PendingDeletesState) => Promise<void> = async () => {};

/** The feature layer says how to send (the API client); the store only keeps time. */
export function configureCommit(fn: (s: PendingDeletesState) => Promise<void>): void {
  commitFn = fn;
}

function restart(): void {
  clearTimeout(timer);
  timer = setTimeout(() => void commitNow(), UNDO_MS);
  pendingDeletesStore.setState({ expiresAt: Date.now() + UNDO_MS, error: null });
}

export function scheduleDelete(id: number): void {
  const s = pendingDeletesStore.getState();
  // Deletes made within one window go together, under one toast and one undo.
  const ids = s.ids.includes(id) ? s.ids : [...s.ids, id];
  const row = exchangesStore.getState().items.find((r) => r.id === id);
  pendingDeletesStore.setState({ ids, rows: row ? [...s.rows, row] : s.rows, count: s.kind === 'clear' ? s.count + 1 : ids.length, kind: s.kind ?? 'delete' });
  removeIds([id]);
  restart();
}

export function scheduleClear(through: number, count: number): void {
  const s = pendingDeletesStore.getState();
  pendingDeletesStore.setState({ ids: s.ids.filter((id) => id > through), rows: [], through, count, kind: 'clear' });
  const { items, pending } = exchangesStore.getState();
  removeIds([...items, ...pending].filter((r) => r.id <= through).map((r) => r.id));
  restart();
}

/** Forget the pending deletes; the caller reloads the list so the rows come back. */
export function cancelPending(): PendingDeletesState {
  clearTimeout(timer);
  const s = pendingDeletesStore.getState();
  pendingDeletesStore.setState(idle);
  return s;
}

export async function commitNow(): Promise<void> {
  clearTimeout(timer);
  const s = pendingDeletesStore.getState();
  if (s.kind === null) return;
  pendingDeletesStore.setState(idle);
  try {
    await commitFn(s);
  } catch (err) {
    pendingDeletesStore.setState({ ...idle, error: err instanceof Error ? err.message : String(err) });
    throw err;
  }
}

export function dismissError(): void {
  pendingDeletesStore.setState({ error: null });
}
