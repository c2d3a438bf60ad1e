import type { ControlEvent, ExchangeSummary } from '../../../src/model/exchange';
import { api, errorMessage, type ListFilter } from '../../api/client';
import { dispatchControlEvent, dispatchStreamOpen, openEventStream } from '../../api/events';
import { exchangesStore, initialExchanges, newerThan, newestId, PENDING_CAP, receiveNewer, removeIds, replaceRows } from '../../store/exchanges';
import { seedVerdicts } from '../../store/verdicts';
import { currentFilters, filtersStore, hasFilters, validExpression, type Filters } from '../../store/filters';
import { select, selectionStore } from '../../store/selection';
import { statusStore } from '../../store/status';

/**
 * Keeps the exchanges store in step with the server: first page per filter set, older pages on
 * demand, live rows from SSE. Lives outside React so 1000s of events/s never go through renders.
 */

const PAGE = 100;
/** Older pages are fetched while scrolling; bigger pages mean fewer round trips deep in the list. */
const OLDER_PAGE = 500;
/** SSE rows are batched so a burst becomes one store update (one list render). */
const LIVE_BATCH_MS = 50;
/** Typing in the search box should not fire a request per key. */
const TEXT_DEBOUNCE_MS = 250;

let generation = 0;
let listAbort: AbortController | null = null;
let liveQueue: ExchangeSummary[] = [];
let liveTimer: ReturnType<typeof setTimeout> | undefined;
let headTimer: ReturnType<typeof setTimeout> | undefined;
let headRunning = false;
/**
 * After a hole in the event stream (overflow, reconnect) or while a page loads, live rows wait in
 * the queue until the head refresh has filled the hole: inserting them first would hide it.
 */
let holdLive = true;

/**
 * The search box is the filter language. While it does not parse (half typed, a typo) the list
 * keeps the result of the last expression that did, so every page and refresh asks the same thing.
 */
let applied = '';
function appliedExpression(filters: Filters): string {
  const valid = validExpression(filters.text);
  if (valid !== null) applied = valid;
  return applied;
}

function filterOf(filters: Filters, filter: string): ListFilter {
  return {
    filter,
    method: filters.method,
    status: filters.status.trim(),
    path: filters.path.trim(),
    params: filters.params,
  };
}

function query(filters: Filters, before: string | null = null) {
  return { limit: before ? OLDER_PAGE : PAGE, before, ...filterOf(filters, appliedExpression(filters)) };
}

/**
 * What the list asks for now, without limit/before: a half-typed search keeps the last expression
 * that parsed, as the list does (the HAR export exports what the list shows).
 */
export function currentListFilter(): ListFilter {
  const filters = currentFilters();
  return filterOf(filters, appliedExpression(filters));
}

/** Fresh first page for the current filters; older requests are abandoned. */
export async function reload(): Promise<void> {
  const gen = ++generation;
  listAbort?.abort();
  listAbort = new AbortController();
  liveQueue = [];
  holdLive = true;
  // The list remounts scrolled to the top, so it follows new rows again.
  exchangesStore.setState(initialExchanges);
  try {
    const page = await listPage(query(currentFilters()), listAbort.signal);
    if (gen !== generation) return;
    exchangesStore.setState({ items: page.items, next: page.next, phase: 'ready', pending: [], pendingGap: false, ...totalOf(page) });
    releaseLive();
  } catch (err) {
    if (gen !== generation || (err as Error).name === 'AbortError') return;
    exchangesStore.setState({ phase: 'error', error: errorMessage(err) });
  }
}

export async function loadOlder(): Promise<void> {
  const state = exchangesStore.getState();
  if (state.phase !== 'ready' || state.older === 'loading' || !state.next) return;
  const gen = generation;
  exchangesStore.setState({ older: 'loading' });
  try {
    const page = await listPage(query(currentFilters(), state.next));
    if (gen !== generation) return;
    const { items } = exchangesStore.getState();
    const lastId = items[items.length - 1]?.id ?? Infinity;
    // Rows deleted meanwhile shift pages; never show one twice.
    const older = page.items.filter((r) => r.id < lastId);
    exchangesStore.setState({ items: items.concat(older), next: page.next, older: 'idle' });
  } catch (err) {
    if (gen !== generation) return;
    exchangesStore.setState({ older: 'error', error: errorMessage(err) });
  }
}

export function retryOlder(): void {
  exchangesStore.setState({ older: 'idle' });
  void loadOlder();
}

/**
 * Ask the server for what is new at the top. Used when SSE cannot be applied directly (filters
 * only the server can evaluate, an overflow, a reconnect).
 */
async function refreshHead(): Promise<void> {
  if (headRunning) {
    scheduleHeadRefresh();
    return;
  }
  const phase = exchangesStore.getState().phase;
  if (phase === 'loading') scheduleHeadRefresh();
  if (phase !== 'ready') return;
  headRunning = true;
  const gen = generation;
  try {
    const page = await listPage(query(currentFilters()));
    if (gen !== generation) return;
    exchangesStore.setState(totalOf(page));
    const fresh = newerThan(page.items, newestId(exchangesStore.getState()));
    // A full page of new rows may hide more behind it: mark the gap so showing them reloads.
    const gap = fresh.length === page.items.length && page.next !== null && fresh.length > 0;
    const state = exchangesStore.getState();
    if (gap && state.following && state.pending.length === 0) {
      exchangesStore.setState({ items: page.items, next: page.next });
    } else {
      receiveNewer(fresh, gap);
    }
    releaseLive();
  } catch {
    // Live rows stay held until a refresh succeeds; try again shortly.
    if (gen === generation) setTimeout(scheduleHeadRefresh, 1000);
  } finally {
    headRunning = false;
  }
}

/** A throttle, not a debounce: a steady event stream must not postpone the refresh forever. */
function scheduleHeadRefresh(): void {
  if (headTimer !== undefined) return;
  headTimer = setTimeout(() => {
    headTimer = undefined;
    void refreshHead();
  }, 200);
}

function queueLive(rows: ExchangeSummary[]): void {
  for (const row of rows) liveQueue.push(row);
  // The oldest held rows are older than the page the pending refresh will fetch anyway.
  if (liveQueue.length > PENDING_CAP) liveQueue = liveQueue.slice(-PENDING_CAP);
  if (holdLive || liveTimer !== undefined) return;
  liveTimer = setTimeout(flushLive, LIVE_BATCH_MS);
}

function flushLive(): void {
  liveTimer = undefined;
  const batch = liveQueue;
  liveQueue = [];
  if (batch.length) receiveNewer(batch);
}

function releaseLive(): void {
  holdLive = false;
  if (liveQueue.length && liveTimer === undefined) liveTimer = setTimeout(flushLive, 0);
}

/** The stream lost events: hold live rows and let the head refresh fill the hole first. */
function resync(): void {
  if (exchangesStore.getState().phase === 'ready') holdLive = true;
  scheduleHeadRefresh();
}

function totalOf(page: { total?: number; totalCapped?: boolean }): { total: number | null; totalCapped: boolean } {
  return { total: page.total ?? null, totalCapped: page.totalCapped ?? false };
}

/** A page of the list; its rows' verdicts go to the badge store as they are (no second request). */
async function listPage(...args: Parameters<typeof api.list>): ReturnType<typeof api.list> {
  const page = await api.list(...args);
  seedVerdicts(page.items);
  return page;
}

function onEvent(event: ControlEvent): void {
  switch (event.type) {
    case 'exchanges-updated':
      seedVerdicts(event.items, true);
      replaceRows(event.items);
      break;
    case 'exchanges':
      seedVerdicts(event.items);
      // Free text and param filters are evaluated by the server (full-text index, all params).
      if (hasFilters(currentFilters())) scheduleHeadRefresh();
      else queueLive(event.items);
      break;
    case 'overflow':
      resync();
      break;
    case 'deleted':
      removeIds(event.ids);
      // Only the server knows whether the deleted rows were among the matches: count again.
      if (hasFilters(currentFilters())) scheduleHeadRefresh();
      if (event.ids.includes(selectionStore.getState().selectedId ?? -1)) select(null);
      break;
    case 'cleared':
      exchangesStore.setState({ items: [], pending: [], pendingGap: false, next: null, total: 0, totalCapped: false });
      select(null);
      break;
    case 'status':
      statusStore.setState({ status: event.status });
      break;
  }
}

/** Scrolled back to the top, or the pill was clicked: show what was held back. */
export function showPending(): void {
  const state = exchangesStore.getState();
  if (state.pendingGap) {
    void reload();
    return;
  }
  if (state.pending.length) exchangesStore.setState({ items: state.pending.concat(state.items), pending: [] });
}

export function setFollowing(following: boolean): void {
  if (exchangesStore.getState().following === following) return;
  exchangesStore.setState({ following });
}

/** Enter in the search box: no debounce wait. */
export function applyFiltersNow(): void {
  if (validExpression(filtersStore.getState().text) !== null) void reload();
}

export async function refreshStatus(): Promise<void> {
  try {
    statusStore.setState({ status: await api.status(), error: null });
  } catch (err) {
    statusStore.setState({ error: errorMessage(err) });
  }
}

export function startSync(): () => void {
  void reload();

  let textTimer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = filtersStore.subscribe((next, prev) => {
    const restSame =
      next.method === prev.method && next.status === prev.status && next.path === prev.path && next.params === prev.params;
    if (restSame && next.text === prev.text) return;
    const textOnly = restSame;
    clearTimeout(textTimer);
    // A half-typed filter that does not parse yet changes nothing: the box shows the error.
    const expression = validExpression(next.text);
    if (textOnly && (expression === null || expression === validExpression(prev.text))) return;
    if (textOnly) textTimer = setTimeout(() => void reload(), TEXT_DEBOUNCE_MS);
    else void reload();
  });

  // The app's only event stream: verdicts and baseline results ride on it too (see dispatchControlEvent).
  const stop = openEventStream({
    onEvent: (event) => {
      onEvent(event);
      dispatchControlEvent(event);
    },
    onState: (stream) => statusStore.setState({ stream, unauthorized: stream === 'unauthorized' }),
    // Rows committed while the stream was down (or before it first opened) arrive through this.
    onOpen: () => {
      resync();
      void refreshStatus();
      dispatchStreamOpen();
    },
  });

  return () => {
    stop();
    unsubscribe();
    clearTimeout(textTimer);
    clearTimeout(headTimer);
    clearTimeout(liveTimer);
    headTimer = undefined;
    liveTimer = undefined;
    listAbort?.abort();
    generation++;
  };
}
