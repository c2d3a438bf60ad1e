import { createStore } from 'zustand/vanilla';
import type { Environment, EnvironmentInput } from '../../src/model/environment';
import { errorMessage } from '../api/client';
import { environmentsApi } from '../api/environments';
import { byName } from '../lib/format';

export interface EnvironmentsState {
  items: Environment[];
  /** The environment the Composer sends with, remembered in the data folder (not in this browser). */
  activeId: number | null;
  phase: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** The manage dialog is open, on this environment (null: a new one). */
  editing: { id: number | null } | null;
}

export const environmentsStore = createStore<EnvironmentsState>()(() => ({ items: [], activeId: null, phase: 'idle', error: null, editing: null }));

export function openEnvironments(id: number | null = environmentsStore.getState().activeId ?? environmentsStore.getState().items[0]?.id ?? null): void {
  environmentsStore.setState({ editing: { id } });
}

export function closeEnvironments(): void {
  environmentsStore.setState({ editing: null });
}

const set = (patch: Partial<EnvironmentsState> | ((s: EnvironmentsState) => Partial<EnvironmentsState>)) => environmentsStore.setState(patch);

export async function loadEnvironments(): Promise<void> {
  if (environmentsStore.getState().phase === 'idle') set({ phase: 'loading' });
  try {
    const [items, active] = await Promise.all([environmentsApi.list(), environmentsApi.active()]);
    set({ items, activeId: active.environmentId, phase: 'ready', error: null });
  } catch (err) {
    set({ phase: 'error', error: errorMessage(err) });
  }
}

export function activeEnvironment(s: EnvironmentsState = environmentsStore.getState()): Environment | null {
  return s.activeId === null ? null : (s.items.find((e) => e.id === s.activeId) ?? null);
}

/** Picks the Composer's environment at once (the preview follows), then remembers it in the data folder. */
export async function selectEnvironment(id: number | null): Promise<void> {
  const before = environmentsStore.getState().activeId;
  set({ activeId: id });
  try {
    await environmentsApi.setActive(id);
  } catch (err) {
    set({ activeId: before, error: errorMessage(err) });
  }
}

/** Creates or replaces one; throws the API's FieldApiError so the editor can point at fields. */
export async function saveEnvironment(id: number | null, input: EnvironmentInput): Promise<Environment> {
  const saved = id === null ? await environmentsApi.create(input) : await environmentsApi.update(id, input);
  set((s) => ({ items: [...s.items.filter((e) => e.id !== saved.id), saved].sort(byName) }));
  return saved;
}

export async function deleteEnvironment(id: number): Promise<void> {
  await environmentsApi.remove(id);
  set((s) => ({ items: s.items.filter((e) => e.id !== id), activeId: s.activeId === id ? null : s.activeId }));
}
