import { createStore } from 'zustand/vanilla';

/** Transient UI state that keyboard shortcuts reach from outside React. */
export interface UiState {
  overlay: 'shortcuts' | 'confirm-clear' | null;
}

export const uiStore = createStore<UiState>(() => ({ overlay: null }));

export function setOverlay(overlay: UiState['overlay']): void {
  uiStore.setState({ overlay });
}
