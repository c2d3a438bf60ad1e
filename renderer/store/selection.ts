import { createStore } from 'zustand/vanilla';
import { filtersStore } from './filters';
import { settingsStore } from './settings';

export interface SelectionState {
  selectedId: number | null;
  /** Bumped when the user asks to open the selection (Enter / double-click): the detail pane takes focus. */
  openRequest: number;
}

export const selectionStore = createStore<SelectionState>(() => ({ selectedId: null, openRequest: 0 }));

export function select(id: number | null): void {
  selectionStore.setState({ selectedId: id });
}

export function openSelected(): void {
  selectionStore.setState((s) => ({ openRequest: s.openRequest + 1 }));
}

/**
 * "Open in Inbox" from another view: selects the exchange and switches to the Inbox.
 * `clearFilters`: a search left from earlier could hide the very row asked for; `text` then
 * becomes the new search (Metrics shows a conversion's whole story by its key).
 */
export function showInInbox(id: number, { clearFilters = false, text }: { clearFilters?: boolean; text?: string | null } = {}): void {
  if (clearFilters) filtersStore.getState().clear();
  if (text) filtersStore.getState().set({ text });
  select(id);
  settingsStore.getState().setView('inbox');
}
