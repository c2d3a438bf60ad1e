import { exchangesStore } from '../../store/exchanges';
import { scheduleDelete } from '../../store/pending-deletes';
import { openSelected, select, selectionStore } from '../../store/selection';

type ScrollToIndex = (index: number) => void;
let scrollToIndex: ScrollToIndex = () => {};

/** The list registers how to bring a row into view; keyboard actions call it. */
export function registerScroller(fn: ScrollToIndex): () => void {
  scrollToIndex = fn;
  return () => {
    if (scrollToIndex === fn) scrollToIndex = () => {};
  };
}

function indexOfSelected(): number {
  const { selectedId } = selectionStore.getState();
  if (selectedId === null) return -1;
  return exchangesStore.getState().items.findIndex((r) => r.id === selectedId);
}

export function moveSelection(delta: number): void {
  const { items } = exchangesStore.getState();
  if (items.length === 0) return;
  const current = indexOfSelected();
  const next = current === -1 ? (delta > 0 ? 0 : items.length - 1) : Math.max(0, Math.min(items.length - 1, current + delta));
  const row = items[next];
  if (!row) return;
  select(row.id);
  scrollToIndex(next);
}

export function openSelection(): void {
  if (selectionStore.getState().selectedId === null) moveSelection(1);
  openSelected();
}

/**
 * The row goes at once and the selection moves to its neighbour; the DELETE waits out the undo
 * window (renderer/store/pending-deletes.ts).
 */
export function deleteExchange(id: number): void {
  const { items } = exchangesStore.getState();
  const i = items.findIndex((r) => r.id === id);
  const neighbour = i === -1 ? null : (items[i + 1] ?? items[i - 1] ?? null);
  scheduleDelete(id);
  const selected = selectionStore.getState().selectedId;
  if (selected === id || selected === null) select(neighbour?.id ?? null);
}
