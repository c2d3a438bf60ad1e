import { createStore } from 'zustand/vanilla';
import type { SavedView } from '../../src/model/environment';
import { errorMessage } from '../api/client';
import { savedViewsApi } from '../api/environments';
import { byName } from '../lib/format';
import { COLUMN_IDS, columnsStore, type ColumnId } from './columns';
import { filtersStore } from './filters';

export interface SavedViewsState {
  items: SavedView[];
  error: string | null;
}

export const savedViewsStore = createStore<SavedViewsState>()(() => ({ items: [], error: null }));

const upsert = (view: SavedView) => savedViewsStore.setState((s) => ({ items: [...s.items.filter((v) => v.id !== view.id), view].sort(byName), error: null }));

export async function loadSavedViews(): Promise<void> {
  try {
    savedViewsStore.setState({ items: await savedViewsApi.list(), error: null });
  } catch (err) {
    savedViewsStore.setState({ error: errorMessage(err) });
  }
}

function shownColumns(): string[] {
  const { hidden } = columnsStore.getState();
  return COLUMN_IDS.filter((id) => !hidden.includes(id));
}

/** Saves the filter box's expression and the shown columns under a name; throws the API's FieldApiError. */
export async function saveCurrentView(name: string): Promise<SavedView> {
  const view = await savedViewsApi.create({ name, filter: filtersStore.getState().text.trim(), columns: shownColumns() });
  upsert(view);
  return view;
}

export async function renameView(id: number, name: string): Promise<void> {
  upsert(await savedViewsApi.update(id, { name }));
}

export async function deleteView(id: number): Promise<void> {
  await savedViewsApi.remove(id);
  savedViewsStore.setState((s) => ({ items: s.items.filter((v) => v.id !== id) }));
}

/** Puts the view's expression in the filter box and shows its columns (unknown ids are ignored). */
export function applyView(view: SavedView): void {
  filtersStore.getState().set({ text: view.filter });
  if (view.columns) {
    const shown = new Set(view.columns);
    const hidden = COLUMN_IDS.filter((id) => !shown.has(id));
    if (hidden.length < COLUMN_IDS.length) columnsStore.setState({ hidden: hidden as ColumnId[] });
  }
}
