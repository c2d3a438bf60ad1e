import { useEffect } from 'react';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { AttemptView, BulkProgress, BulkSummary, OutboxItem, OutboxState } from '../../src/model/sender';
import { errorMessage } from '../api/client';
import { openSenderEvents, senderApi, type Circuit, type SenderEvent, type SenderStreamState } from '../api/sender';
import { settingsStore } from './settings';

/**
 * What the Outbox list filters on. `retrying` is a pending send that has already been tried;
 * `queued` one that has not (the API's `pending` covers both).
 */
export type OutboxFilter = 'all' | 'queued' | 'retrying' | 'in_flight' | 'delivered' | 'failed' | 'cancelled' | 'disabled';

/** The state as the user reads it: a pending send with attempts behind it is retrying. */
export type ShownState = 'queued' | 'retrying' | 'sending' | 'delivered' | 'failed' | 'cancelled' | 'disabled';

export function shownState(item: Pick<OutboxItem, 'state' | 'attempts'>): ShownState {
  if (item.state === 'pending') return item.attempts > 0 ? 'retrying' : 'queued';
  if (item.state === 'in_flight') return 'sending';
  return item.state;
}

/** The list's search as the server applies it (`q`: text in the URL, any case), for sends arriving live. */
function matchesQuery(item: Pick<OutboxItem, 'url'>, query: string): boolean {
  return query === '' || item.url.toLowerCase().includes(query.toLowerCase());
}

export function matchesFilter(item: OutboxItem, filter: OutboxFilter): boolean {
  if (filter === 'all') return true;
  const shown = shownState(item);
  if (filter === 'in_flight') return shown === 'sending';
  return shown === filter;
}

const apiState: Partial<Record<OutboxFilter, OutboxState>> = {
  queued: 'pending',
  retrying: 'pending',
  in_flight: 'in_flight',
  delivered: 'delivered',
  failed: 'failed',
  cancelled: 'cancelled',
  disabled: 'disabled',
};

export interface OutboxStoreState {
  /** The list as last loaded for `filter`, newest first, kept live by the sender events. */
  items: OutboxItem[];
  next: string | null;
  phase: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  filter: OutboxFilter;
  /** Text the URLs must contain; searched by the server, so it reaches past the loaded page. */
  query: string;
  selected: number | null;
  /** Every send the UI has seen (list, composer, replay), by outbox id: the events update them. */
  byId: Record<number, OutboxItem>;
  /** Attempts per outbox id, in number order. */
  attempts: Record<number, AttemptView[]>;
  detailError: string | null;
  /** A list action (cancel, retry now, re-enable) that failed, with the row it concerns. */
  actionError: { id: number | string; message: string } | null;
  circuits: Circuit[];
  circuitsError: string | null;
  stream: SenderStreamState;
  /** Bulk runs' progress, then summary, by run id. */
  bulk: Record<string, BulkProgress | BulkSummary>;
  listWidth: number;
}

export const DEFAULT_OUTBOX_LIST_WIDTH = 560;

export const outboxStore = createStore<OutboxStoreState>()(
  persist(
    () =>
      ({
        items: [],
        next: null,
        phase: 'idle',
        error: null,
        filter: 'all',
        query: '',
        selected: null,
        byId: {},
        attempts: {},
        detailError: null,
        actionError: null,
        circuits: [],
        circuitsError: null,
        stream: 'connecting',
        bulk: {},
        listWidth: DEFAULT_OUTBOX_LIST_WIDTH,
      }) as OutboxStoreState,
    {
      name: 'postback-inspector.outbox',
      storage: createJSONStorage(() => localStorage),
      partialize: ({ filter, listWidth }) => ({ filter, listWidth }),
    },
  ),
);

const set = (patch: Partial<OutboxStoreState> | ((s: OutboxStoreState) => Partial<OutboxStoreState>)) => outboxStore.setState(patch);
const get = () => outboxStore.getState();

// ---------------------------------------------------------------- items and attempts

/** Newer information wins: an event can overtake the answer to the request that caused it. */
function newer(a: OutboxItem | undefined, b: OutboxItem): boolean {
  return !a || b.updatedAt > a.updatedAt || (b.updatedAt === a.updatedAt && b.attempts >= a.attempts);
}

export function upsertItem(item: OutboxItem): void {
  set((s) => {
    if (!newer(s.byId[item.id], item)) return {};
    const byId = { ...s.byId, [item.id]: item };
    const at = s.items.findIndex((x) => x.id === item.id);
    let items = s.items;
    if (at >= 0) items = matchesFilter(item, s.filter) || s.selected === item.id ? s.items.map((x) => (x.id === item.id ? item : x)) : s.items.filter((x) => x.id !== item.id);
    else if (s.phase === 'ready' && matchesFilter(item, s.filter) && matchesQuery(item, s.query) && item.bulkId === null && (s.items.length === 0 || item.id > s.items[0]!.id)) items = [item, ...s.items];
    return { byId, items };
  });
}

export function mergeAttempts(outboxId: number, incoming: readonly AttemptView[]): void {
  set((s) => {
    const current = s.attempts[outboxId] ?? [];
    const byId = new Map(current.map((a) => [a.id, a]));
    for (const a of incoming) byId.set(a.id, a);
    const merged = [...byId.values()].sort((a, b) => a.number - b.number || a.id - b.id);
    return { attempts: { ...s.attempts, [outboxId]: merged } };
  });
}

// ---------------------------------------------------------------- loading

let listAbort: AbortController | null = null;

export async function loadOutbox(): Promise<void> {
  listAbort?.abort();
  const abort = (listAbort = new AbortController());
  const { filter, query } = get();
  if (get().phase !== 'ready') set({ phase: 'loading' });
  try {
    const state = apiState[filter];
    const page = await senderApi.outbox({ ...(state ? { state } : {}), ...(query ? { q: query } : {}), limit: 200 }, abort.signal);
    if (abort.signal.aborted) return;
    const items = page.items.filter((i) => matchesFilter(i, filter));
    set((s) => ({
      items,
      next: page.next,
      phase: 'ready',
      error: null,
      byId: { ...s.byId, ...Object.fromEntries(items.map((i) => [i.id, i])) },
    }));
  } catch (err) {
    if ((err as Error).name === 'AbortError') return;
    set({ phase: 'error', error: errorMessage(err) });
  }
}

export async function loadOlderOutbox(): Promise<void> {
  const { next, filter, query } = get();
  if (!next) return;
  try {
    const state = apiState[filter];
    const page = await senderApi.outbox({ ...(state ? { state } : {}), ...(query ? { q: query } : {}), before: next, limit: 200 });
    const more = page.items.filter((i) => matchesFilter(i, filter));
    set((s) => ({ items: [...s.items, ...more.filter((m) => !s.items.some((x) => x.id === m.id))], next: page.next, byId: { ...s.byId, ...Object.fromEntries(more.map((i) => [i.id, i])) } }));
  } catch (err) {
    set({ error: errorMessage(err) });
  }
}

export function setOutboxFilter(filter: OutboxFilter): void {
  set({ filter, items: [], next: null, phase: 'loading' });
  void loadOutbox();
}

/** The rows stay until the answer arrives: typing must not blank the list on every key. */
export function setOutboxQuery(query: string): void {
  if (query === get().query) return;
  set({ query });
  void loadOutbox();
}

/** One send with all its attempts (the detail pane, the composer's result). */
export async function loadOutboxItem(id: number, signal?: AbortSignal): Promise<void> {
  try {
    const { item, attempts } = await senderApi.outboxItem(id, signal);
    upsertItem(item);
    mergeAttempts(id, attempts);
    set({ detailError: null });
  } catch (err) {
    if ((err as Error).name === 'AbortError') return;
    set({ detailError: errorMessage(err) });
  }
}

export function selectOutbox(id: number | null): void {
  set({ selected: id, actionError: null });
}

/** Opens the Outbox on one send (replay results, the composer's "Open in Outbox"). */
export function openInOutbox(id: number): void {
  set({ selected: id, actionError: null });
  settingsStore.getState().setView('outbox');
}

export async function loadCircuits(): Promise<void> {
  try {
    set({ circuits: await senderApi.circuits(), circuitsError: null });
  } catch (err) {
    set({ circuitsError: errorMessage(err) });
  }
}

// ---------------------------------------------------------------- actions

async function act(id: number | string, run: () => Promise<void>): Promise<boolean> {
  set({ actionError: null });
  try {
    await run();
    return true;
  } catch (err) {
    set({ actionError: { id, message: errorMessage(err) } });
    return false;
  }
}

export function cancelSend(id: number): Promise<boolean> {
  return act(id, async () => upsertItem(await senderApi.cancel(id)));
}

export function retrySendNow(id: number): Promise<boolean> {
  return act(id, async () => upsertItem(await senderApi.retryNow(id)));
}

export function reenableCircuit(key: string): Promise<boolean> {
  return act(key, async () => {
    await senderApi.resetCircuit(key);
    await loadCircuits();
  });
}

// ---------------------------------------------------------------- events

function onEvent(event: SenderEvent): void {
  switch (event.type) {
    case 'outbox':
      upsertItem(event.payload);
      if (event.payload.state === 'disabled') void loadCircuits();
      break;
    case 'attempt': {
      const { bulkId: _bulk, ...attempt } = event.payload;
      mergeAttempts(attempt.outboxId, [attempt]);
      break;
    }
    case 'bulk-progress':
    case 'bulk-done': {
      const run = event.payload;
      set((s) => {
        const before = s.bulk[run.bulkId];
        // A late progress event must not replace the summary.
        if (before && 'deliveryRate' in before && !('deliveryRate' in run)) return {};
        return { bulk: { ...s.bulk, [run.bulkId]: run } };
      });
      break;
    }
  }
}

let subscribers = 0;
let close: (() => void) | null = null;
let closeTimer: ReturnType<typeof setTimeout> | undefined;
const reconnectListeners = new Set<() => void>();

/** After a (re)connect: what changed while the stream was down. */
function catchUp(): void {
  const s = get();
  if (s.phase === 'ready' || s.phase === 'error') void loadOutbox();
  if (s.selected !== null) void loadOutboxItem(s.selected);
  for (const listener of reconnectListeners) listener();
}

/** Keeps the sender event stream open while any view that needs it is mounted. */
export function useSenderEvents(onReconnect?: () => void): void {
  useEffect(() => {
    if (onReconnect) reconnectListeners.add(onReconnect);
    subscribers++;
    clearTimeout(closeTimer);
    close ??= openSenderEvents({ onEvent, onState: (stream) => set({ stream }), onOpen: catchUp });
    return () => {
      if (onReconnect) reconnectListeners.delete(onReconnect);
      subscribers--;
      // A moment's grace: switching from the Composer to the Outbox keeps the same stream.
      if (subscribers === 0) {
        closeTimer = setTimeout(() => {
          if (subscribers > 0) return;
          close?.();
          close = null;
        }, 5000);
      }
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}

export function setOutboxListWidth(px: number): void {
  set({ listWidth: Math.round(px) });
}
