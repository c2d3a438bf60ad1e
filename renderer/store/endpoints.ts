import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { Endpoint, EndpointInput, EndpointPreset, FieldError } from '../../src/model/endpoint';
import { errorMessage } from '../api/client';
import { endpointsApi, fieldErrorsOf } from '../api/endpoints';
import {
  blankEndpoint,
  formShapeProblem,
  isUnder,
  parseJson,
  prettyJson,
  stableStringify,
  toInput,
} from '../features/endpoints/draft';

/** A saved endpoint's id, or the one being created. */
export type EditorKey = number | 'new';

/** Unsaved edits of one endpoint. They live here, not in a component, so nothing is lost by switching. */
export interface Draft {
  /** What the form shows and edits. */
  value: EndpointInput;
  /** The JSON tab's text while it holds edits; null when it simply shows `value`. */
  jsonText: string | null;
  /** The JSON tab's text does not parse: save is blocked until it does. */
  jsonParseError: string | null;
  /** It parses, but the form cannot draw it: the form tabs step aside, save sends the JSON as is. */
  jsonShapeProblem: string | null;
  /** From the last refused save: each names its field. */
  errors: FieldError[];
  /** Why the last save failed (network, or the server's summary). */
  message: string | null;
  saving: boolean;
}

export interface EndpointsState {
  items: Endpoint[];
  phase: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  selected: EditorKey | null;
  drafts: Record<string, Draft>;
  presets: EndpointPreset[] | null;
  presetsError: string | null;
  /** A list action (reorder, toggle) that failed, shown at the list. */
  listError: string | null;
  /** Width of the endpoint list in px. */
  listWidth: number;
}

export const DEFAULT_ENDPOINT_LIST_WIDTH = 420;

export const endpointsStore = createStore<EndpointsState>()(
  persist(
    () =>
      ({
        items: [],
        phase: 'idle',
        error: null,
        selected: null,
        drafts: {},
        presets: null,
        presetsError: null,
        listError: null,
        listWidth: DEFAULT_ENDPOINT_LIST_WIDTH,
      }) as EndpointsState,
    {
      name: 'postback-inspector.endpoints',
      storage: createJSONStorage(() => localStorage),
      partialize: ({ listWidth }) => ({ listWidth }),
    },
  ),
);

const set = (patch: Partial<EndpointsState> | ((s: EndpointsState) => Partial<EndpointsState>)) => endpointsStore.setState(patch);
const get = () => endpointsStore.getState();

// ---------------------------------------------------------------- loading

let loading: Promise<void> | null = null;

export function loadEndpoints(): Promise<void> {
  loading ??= (async () => {
    if (get().phase !== 'ready') set({ phase: 'loading' });
    try {
      const items = await endpointsApi.list();
      set((s) => ({
        items,
        phase: 'ready',
        error: null,
        // Keep the selection if it still exists; otherwise the first endpoint.
        selected:
          s.selected === 'new' || (s.selected !== null && items.some((e) => e.id === s.selected)) ? s.selected : (items[0]?.id ?? null),
      }));
    } catch (err) {
      set({ phase: 'error', error: errorMessage(err) });
    } finally {
      loading = null;
    }
  })();
  return loading;
}

export async function loadPresets(): Promise<void> {
  if (get().presets) return;
  try {
    set({ presets: await endpointsApi.presets(), presetsError: null });
  } catch (err) {
    set({ presetsError: errorMessage(err) });
  }
}

// ---------------------------------------------------------------- names for the Inbox

const askedFor = new Set<number>();

/** The endpoint's name for an Inbox row; loads the list on first use and once more per unknown id. */
export function useEndpointName(id: number | null): string | null {
  const name = useStore(endpointsStore, (s) => (id === null ? null : (s.items.find((e) => e.id === id)?.name ?? null)));
  useEffect(() => {
    if (id === null || name !== null || askedFor.has(id)) return;
    askedFor.add(id);
    void loadEndpoints();
  }, [id, name]);
  return name;
}

// ---------------------------------------------------------------- selection and drafts

export function selectEndpoint(key: EditorKey | null): void {
  set({ selected: key });
}

const draftKey = (key: EditorKey) => String(key);

export function savedInput(key: EditorKey): EndpointInput | null {
  if (key === 'new') return null;
  const item = get().items.find((e) => e.id === key);
  return item ? toInput(item) : null;
}

export function currentValue(key: EditorKey): EndpointInput | null {
  return get().drafts[draftKey(key)]?.value ?? savedInput(key);
}

export function isDirty(key: EditorKey, s: EndpointsState = get()): boolean {
  const draft = s.drafts[draftKey(key)];
  if (!draft) return false;
  if (key === 'new') return true;
  if (draft.jsonText !== null && draft.jsonText !== prettyJson(draft.value)) return true;
  const item = s.items.find((e) => e.id === key);
  return !item || stableStringify(draft.value) !== stableStringify(toInput(item));
}

function emptyDraft(value: EndpointInput): Draft {
  return { value, jsonText: null, jsonParseError: null, jsonShapeProblem: null, errors: [], message: null, saving: false };
}

function patchDraft(key: EditorKey, patch: (d: Draft) => Partial<Draft>): void {
  const current = get().drafts[draftKey(key)];
  const base = current ?? emptyDraft(savedInput(key) ?? blankEndpoint(get().items));
  set((s) => ({ drafts: { ...s.drafts, [draftKey(key)]: { ...base, ...patch(base) } } }));
}

export function newEndpoint(): void {
  const existing = get().drafts['new'];
  if (!existing) set((s) => ({ drafts: { ...s.drafts, new: emptyDraft(blankEndpoint(s.items)) } }));
  set({ selected: 'new' });
}

/**
 * A form edit: `mutate` changes a copy. Errors at `touched` (and below it) are dropped, since
 * they described the old value; structural edits pass the list they reshaped.
 */
export function editEndpoint(key: EditorKey, mutate: (value: EndpointInput) => void, touched?: string): void {
  patchDraft(key, (d) => {
    const value = structuredClone(d.value);
    mutate(value);
    return {
      value,
      jsonText: null,
      jsonParseError: null,
      jsonShapeProblem: null,
      errors: touched === undefined ? d.errors : d.errors.filter((e) => !isUnder(e.field, touched)),
    };
  });
}

/** The JSON tab's text: when it parses into a shape the form can draw, the form follows it. */
export function editJson(key: EditorKey, text: string): void {
  patchDraft(key, (d) => {
    const parsed = parseJson(text);
    if (!parsed.ok) return { jsonText: text, jsonParseError: parsed.message, jsonShapeProblem: null };
    const problem = formShapeProblem(parsed.value);
    if (problem) return { jsonText: text, jsonParseError: null, jsonShapeProblem: problem };
    return { jsonText: text, jsonParseError: null, jsonShapeProblem: null, value: parsed.value as EndpointInput, errors: d.errors };
  });
}

/** Drops unsaved edits (and the unsaved new endpoint). */
export function revertEndpoint(key: EditorKey): void {
  set((s) => {
    const { [draftKey(key)]: _gone, ...drafts } = s.drafts;
    return { drafts, ...(key === 'new' && s.selected === 'new' ? { selected: s.items[0]?.id ?? null } : {}) };
  });
}

/** The body a save sends: the JSON tab's text when it holds edits the form could not take. */
function payloadOf(draft: Draft): { ok: true; body: unknown } | { ok: false; message: string } {
  if (draft.jsonText !== null && draft.jsonText !== prettyJson(draft.value)) {
    if (draft.jsonParseError) return { ok: false, message: `The JSON does not parse: ${draft.jsonParseError}` };
    const parsed = parseJson(draft.jsonText);
    if (!parsed.ok) return { ok: false, message: `The JSON does not parse: ${parsed.message}` };
    return { ok: true, body: parsed.value };
  }
  return { ok: true, body: draft.value };
}

/** POST or PUT. A refusal keeps every edit and records the errors next to the fields they name. */
export async function saveEndpoint(key: EditorKey): Promise<boolean> {
  const draft = get().drafts[draftKey(key)];
  if (!draft || draft.saving) return false;
  const payload = payloadOf(draft);
  if (!payload.ok) {
    patchDraft(key, () => ({ message: payload.message, errors: [] }));
    return false;
  }
  patchDraft(key, () => ({ saving: true }));
  try {
    const saved = key === 'new' ? await endpointsApi.create(payload.body) : await endpointsApi.update(key, payload.body);
    set((s) => {
      const { [draftKey(key)]: _saved, ...drafts } = s.drafts;
      const exists = s.items.some((e) => e.id === saved.id);
      return {
        drafts,
        items: exists ? s.items.map((e) => (e.id === saved.id ? saved : e)) : [...s.items, saved],
        selected: s.selected === key ? saved.id : s.selected,
      };
    });
    return true;
  } catch (err) {
    patchDraft(key, () => ({ saving: false, errors: fieldErrorsOf(err), message: errorMessage(err) }));
    return false;
  }
}

// ---------------------------------------------------------------- list actions

async function listAction(run: () => Promise<void>): Promise<void> {
  set({ listError: null });
  try {
    await run();
  } catch (err) {
    set({ listError: errorMessage(err) });
    await loadEndpoints();
  }
}

export function toggleEnabled(id: number): Promise<void> {
  return listAction(async () => {
    const item = get().items.find((e) => e.id === id);
    if (!item) return;
    const enabled = !item.enabled;
    set((s) => ({ items: s.items.map((e) => (e.id === id ? { ...e, enabled } : e)) }));
    const saved = await endpointsApi.update(id, { ...toInput(item), enabled });
    set((s) => {
      const draft = s.drafts[draftKey(id)];
      return {
        items: s.items.map((e) => (e.id === id ? saved : e)),
        // An open draft follows the switch, so saving it later does not flip it back.
        ...(draft ? { drafts: { ...s.drafts, [draftKey(id)]: { ...draft, value: { ...draft.value, enabled } } } } : {}),
      };
    });
  });
}

/** Moves an endpoint to `toIndex` in match order: every endpoint whose place changed is PUT with its new `position`. */
export function moveEndpoint(id: number, toIndex: number): Promise<void> {
  return listAction(async () => {
    const items = [...get().items];
    const from = items.findIndex((e) => e.id === id);
    const to = Math.max(0, Math.min(items.length - 1, toIndex));
    if (from < 0 || from === to) return;
    const [moved] = items.splice(from, 1);
    items.splice(to, 0, moved!);
    // Optimistic: the list moves at once; positions follow one PUT each.
    set({ items: items.map((e, i) => ({ ...e, position: i })) });
    for (const [i, e] of items.entries()) {
      if (e.position === i) continue;
      const saved = await endpointsApi.update(e.id, { ...toInput(e), position: i });
      set((s) => ({ items: s.items.map((x) => (x.id === saved.id ? saved : x)) }));
    }
  });
}

export async function duplicateEndpoint(id: number): Promise<void> {
  const copy = await endpointsApi.duplicate(id);
  await loadEndpoints();
  set({ selected: copy.id });
}

export async function deleteEndpoint(id: number): Promise<void> {
  await endpointsApi.remove(id);
  set((s) => {
    const items = s.items.filter((e) => e.id !== id);
    const { [draftKey(id)]: _gone, ...drafts } = s.drafts;
    const index = s.items.findIndex((e) => e.id === id);
    return { items, drafts, selected: s.selected === id ? (items[Math.min(index, items.length - 1)]?.id ?? null) : s.selected };
  });
}

export async function addPreset(presetId: string): Promise<Endpoint> {
  const created = await endpointsApi.addPreset(presetId);
  set((s) => ({ items: [...s.items.filter((e) => e.id !== created.id), created], selected: created.id }));
  return created;
}

export async function importEndpoints(payload: unknown): Promise<Endpoint[]> {
  const created = await endpointsApi.importMany(payload);
  await loadEndpoints();
  if (created[0]) set({ selected: created[0].id });
  return created;
}

export function setEndpointListWidth(px: number): void {
  set({ listWidth: Math.round(px) });
}

// In a browser tab, closing or reloading with unsaved endpoint edits asks first. (Not in the
// desktop app: Electron would silently refuse to close the window instead of asking.)
if (typeof window !== 'undefined' && !window.postbackInspector) {
  window.addEventListener('beforeunload', (e) => {
    const s = get();
    if (Object.keys(s.drafts).some((k) => isDirty(k === 'new' ? 'new' : Number(k), s))) e.preventDefault();
  });
}
