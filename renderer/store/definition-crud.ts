import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FieldError } from '../../src/model/endpoint';
import { errorMessage } from '../api/client';
import { fieldErrorsOf } from '../api/json-request';
import { isUnder, parseJson, prettyJson, stableStringify } from '../lib/json-draft';
import { guardUnsaved } from '../lib/unsaved-guard';

/*
 * The list + drafts + save machinery shared by every "definitions" view (endpoints, profiles):
 * a server-owned list, one unsaved draft per item edited as a form or as JSON, and saves whose
 * refusals name the fields they concern. Each view adds its own extras (secrets, reorder…) on top.
 */

/** A saved item's id, or the one being created. */
export type EditorKey = number | 'new';

/** Unsaved edits of one item. They live in the store, not in a component, so nothing is lost by switching. */
export interface DraftBase<Input> {
  /** What the form shows and edits. */
  value: Input;
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

export interface CrudState<Item, D, Preset> {
  items: Item[];
  phase: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  selected: EditorKey | null;
  drafts: Record<string, D>;
  presets: Preset[] | null;
  presetsError: string | null;
  /** Width of the list in px; the only thing remembered across reloads. */
  listWidth: number;
}

export function baseDraft<Input>(value: Input): DraftBase<Input> {
  return { value, jsonText: null, jsonParseError: null, jsonShapeProblem: null, errors: [], message: null, saving: false };
}

/** The store, persisting only the list width: drafts may hold a secret being typed. */
export function createCrudStore<S extends { listWidth: number }>(name: string, initial: S): StoreApi<S> {
  return createStore<S>()(
    persist(() => initial, {
      name,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ listWidth }) => ({ listWidth }),
    }),
  );
}

export interface CrudApi<Item, Preset> {
  list(): Promise<Item[]>;
  /** Bodies are sent as is (the JSON tab may hold anything): the server validates. */
  create(body: unknown): Promise<Item>;
  update(id: number, body: unknown): Promise<Item>;
  remove(id: number): Promise<void>;
  presets(): Promise<Preset[]>;
  addPreset(presetId: string): Promise<Item>;
}

export interface CrudOptions<Item, Input, D extends DraftBase<Input>, Preset, S> {
  store: StoreApi<S>;
  api: CrudApi<Item, Preset>;
  toInput(item: Item): Input;
  blank(items: readonly Item[]): Input;
  /** Why the form cannot draw a parsed JSON value, or null. */
  shapeProblem(value: unknown): string | null;
  emptyDraft(value: Input): D;
  /** Draft state that makes it dirty beyond the definition (a pending secret). */
  dirtyExtra?: (draft: D) => boolean;
  /** Merged into the state whenever the editor is pointed at an item (profiles also switch panels). */
  showEditor?: Partial<S>;
}

export type Payload = { ok: true; body: unknown } | { ok: false; message: string };

export function createDefinitionCrud<Item extends { id: number }, Input, D extends DraftBase<Input>, Preset, S extends CrudState<Item, D, Preset>>(
  opts: CrudOptions<Item, Input, D, Preset, S>,
) {
  type Base = CrudState<Item, D, Preset>;
  // Generic S cannot take object literals as Partial<S>: work on the shared part of the state.
  const store = opts.store as unknown as StoreApi<Base>;
  const set = (patch: Partial<Base> | ((s: Base) => Partial<Base>)) => store.setState(patch);
  const get = () => store.getState();
  const shown = (opts.showEditor ?? {}) as Partial<Base>;
  const draftKey = (key: EditorKey) => String(key);

  let loading: Promise<void> | null = null;
  function load(): Promise<void> {
    loading ??= (async () => {
      if (get().phase !== 'ready') set({ phase: 'loading' });
      try {
        const items = await opts.api.list();
        set((s) => ({
          items,
          phase: 'ready',
          error: null,
          // Keep the selection if it still exists; otherwise the first item.
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

  async function loadPresets(): Promise<void> {
    if (get().presets) return;
    try {
      set({ presets: await opts.api.presets(), presetsError: null });
    } catch (err) {
      set({ presetsError: errorMessage(err) });
    }
  }

  const askedFor = new Set<number>();
  /** An item's name for other views; loads the list on first use and once more per unknown id. */
  function useName(id: number | null): string | null {
    const name = useStore(store, (s) => (id === null ? null : ((s.items.find((e) => e.id === id) as { name?: string } | undefined)?.name ?? null)));
    useEffect(() => {
      if (id === null || name !== null || askedFor.has(id)) return;
      askedFor.add(id);
      void load();
    }, [id, name]);
    return name;
  }

  function savedInput(key: EditorKey): Input | null {
    if (key === 'new') return null;
    const item = get().items.find((e) => e.id === key);
    return item ? opts.toInput(item) : null;
  }

  function currentValue(key: EditorKey): Input | null {
    return get().drafts[draftKey(key)]?.value ?? savedInput(key);
  }

  function isDirty(key: EditorKey, s: Base = get()): boolean {
    const draft = s.drafts[draftKey(key)];
    if (!draft) return false;
    if (key === 'new' || opts.dirtyExtra?.(draft)) return true;
    if (draft.jsonText !== null && draft.jsonText !== prettyJson(draft.value)) return true;
    const item = s.items.find((e) => e.id === key);
    return !item || stableStringify(draft.value) !== stableStringify(opts.toInput(item));
  }

  /** Patches a draft, starting one from the saved item (or a blank one) when there is none. */
  function patchDraft(key: EditorKey, patch: (d: D) => Partial<D> | Partial<DraftBase<Input>>): void {
    const current = get().drafts[draftKey(key)];
    const base = current ?? opts.emptyDraft(savedInput(key) ?? opts.blank(get().items));
    set((s) => ({ drafts: { ...s.drafts, [draftKey(key)]: { ...base, ...patch(base) } as D } }));
  }

  function select(key: EditorKey | null): void {
    set({ selected: key, ...shown });
  }

  function createNew(): void {
    if (!get().drafts['new']) set((s) => ({ drafts: { ...s.drafts, new: opts.emptyDraft(opts.blank(s.items)) } }));
    set({ selected: 'new', ...shown });
  }

  /**
   * A form edit: `mutate` changes a copy. Errors at `touched` (and below it) are dropped, since
   * they described the old value; structural edits pass the list they reshaped.
   */
  function edit(key: EditorKey, mutate: (value: Input) => void, touched?: string): void {
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
  function editJson(key: EditorKey, text: string): void {
    patchDraft(key, (d) => {
      const parsed = parseJson(text);
      if (!parsed.ok) return { jsonText: text, jsonParseError: parsed.message, jsonShapeProblem: null };
      const problem = opts.shapeProblem(parsed.value);
      if (problem) return { jsonText: text, jsonParseError: null, jsonShapeProblem: problem };
      return { jsonText: text, jsonParseError: null, jsonShapeProblem: null, value: parsed.value as Input, errors: d.errors };
    });
  }

  /** Drops unsaved edits (and the unsaved new item). */
  function revert(key: EditorKey): void {
    set((s) => {
      const { [draftKey(key)]: _gone, ...drafts } = s.drafts;
      return { drafts, ...(key === 'new' && s.selected === 'new' ? { selected: s.items[0]?.id ?? null } : {}) };
    });
  }

  /** The body a save sends: the JSON tab's text when it holds edits the form could not take. */
  function payloadOf(draft: D): Payload {
    if (draft.jsonText !== null && draft.jsonText !== prettyJson(draft.value)) {
      const parsed = parseJson(draft.jsonText);
      if (!parsed.ok) return { ok: false, message: `The JSON does not parse: ${parsed.message}` };
      return { ok: true, body: parsed.value };
    }
    return { ok: true, body: draft.value };
  }

  /** The draft a save may start from, or why not (already saving, JSON that does not parse). */
  function beginSave(key: EditorKey): { draft: D; body: unknown } | null {
    const draft = get().drafts[draftKey(key)];
    if (!draft || draft.saving) return null;
    const payload = payloadOf(draft);
    if (!payload.ok) {
      patchDraft(key, () => ({ message: payload.message, errors: [] }));
      return null;
    }
    return { draft, body: payload.body };
  }

  /** POST for a new item, PUT otherwise; the body as the draft holds it. */
  const write = (key: EditorKey, body: unknown): Promise<Item> => (key === 'new' ? opts.api.create(body) : opts.api.update(key, body));

  /** A refusal keeps every edit and records the errors next to the fields they name. */
  function failSave(key: EditorKey, err: unknown): false {
    patchDraft(key, () => ({ saving: false, errors: fieldErrorsOf(err), message: errorMessage(err) }));
    return false;
  }

  function replaceItem(saved: Item): void {
    set((s) => ({
      items: s.items.some((e) => e.id === saved.id) ? s.items.map((e) => (e.id === saved.id ? saved : e)) : [...s.items, saved],
    }));
  }

  /** After a save the draft lives under the saved id (`patch`), or is gone (null). */
  function settleDraft(key: EditorKey, saved: Item, patch: Partial<D> | null): void {
    set((s) => {
      const { [draftKey(key)]: _old, ...drafts } = s.drafts;
      return {
        drafts: patch ? { ...drafts, [String(saved.id)]: { ...opts.emptyDraft(opts.toInput(saved)), ...patch } } : drafts,
        selected: s.selected === key ? saved.id : s.selected,
      };
    });
  }

  async function remove(id: number): Promise<void> {
    await opts.api.remove(id);
    set((s) => {
      const items = s.items.filter((e) => e.id !== id);
      const { [draftKey(id)]: _gone, ...drafts } = s.drafts;
      const index = s.items.findIndex((e) => e.id === id);
      return { items, drafts, selected: s.selected === id ? (items[Math.min(index, items.length - 1)]?.id ?? null) : s.selected };
    });
  }

  async function addPreset(presetId: string): Promise<Item> {
    const created = await opts.api.addPreset(presetId);
    set((s) => ({ items: [...s.items.filter((e) => e.id !== created.id), created], selected: created.id, ...shown }));
    return created;
  }

  function setListWidth(px: number): void {
    set({ listWidth: Math.round(px) });
  }

  // Closing or reloading with unsaved edits asks first (renderer/lib/unsaved-guard.ts).
  guardUnsaved(() => {
    const s = get();
    return Object.keys(s.drafts).some((k) => isDirty(k === 'new' ? 'new' : Number(k), s));
  });

  return {
    draftKey,
    load,
    loadPresets,
    useName,
    savedInput,
    currentValue,
    isDirty,
    patchDraft,
    select,
    createNew,
    edit,
    editJson,
    revert,
    beginSave,
    write,
    failSave,
    replaceItem,
    settleDraft,
    remove,
    addPreset,
    setListWidth,
  };
}
