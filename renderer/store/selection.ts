import { createStore } from 'zustand/vanilla';

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
