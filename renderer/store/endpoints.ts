import type { Endpoint, EndpointInput, EndpointPreset } from '../../src/model/endpoint';
import { errorMessage } from '../api/client';
import { endpointsApi } from '../api/endpoints';
import { blankEndpoint, formShapeProblem, toInput } from '../features/endpoints/draft';
import { baseDraft, createCrudStore, createDefinitionCrud, type CrudState, type DraftBase, type EditorKey } from './definition-crud';

export type { EditorKey };

/** Unsaved edits of one endpoint (see DraftBase): nothing beyond the shared draft. */
export type Draft = DraftBase<EndpointInput>;

export interface EndpointsState extends CrudState<Endpoint, Draft, EndpointPreset> {
  /** A list action (reorder, toggle) that failed, shown at the list. */
  listError: string | null;
}

export const DEFAULT_ENDPOINT_LIST_WIDTH = 420;

export const endpointsStore = createCrudStore<EndpointsState>('postback-inspector.endpoints', {
  items: [],
  phase: 'idle',
  error: null,
  selected: null,
  drafts: {},
  presets: null,
  presetsError: null,
  listError: null,
  listWidth: DEFAULT_ENDPOINT_LIST_WIDTH,
});

const set = (patch: Partial<EndpointsState> | ((s: EndpointsState) => Partial<EndpointsState>)) => endpointsStore.setState(patch);
const get = () => endpointsStore.getState();

const crud = createDefinitionCrud<Endpoint, EndpointInput, Draft, EndpointPreset, EndpointsState>({
  store: endpointsStore,
  api: endpointsApi,
  toInput,
  blank: blankEndpoint,
  shapeProblem: formShapeProblem,
  emptyDraft: baseDraft,
});
const { draftKey } = crud;

export const loadEndpoints = crud.load;
export const loadPresets = crud.loadPresets;
/** The endpoint's name for an Inbox row; loads the list on first use and once more per unknown id. */
export const useEndpointName = crud.useName;
export const selectEndpoint = crud.select;
export const savedInput = crud.savedInput;
export const currentValue = crud.currentValue;
export const isDirty = crud.isDirty;
export const newEndpoint = crud.createNew;
export const editEndpoint = crud.edit;
export const editJson = crud.editJson;
export const revertEndpoint = crud.revert;
export const deleteEndpoint = crud.remove;
export const addPreset = crud.addPreset;
export const setEndpointListWidth = crud.setListWidth;

/** POST or PUT. A refusal keeps every edit and records the errors next to the fields they name. */
export async function saveEndpoint(key: EditorKey): Promise<boolean> {
  const start = crud.beginSave(key);
  if (!start) return false;
  crud.patchDraft(key, () => ({ saving: true }));
  try {
    const saved = await crud.write(key, start.body);
    crud.replaceItem(saved);
    crud.settleDraft(key, saved, null);
    return true;
  } catch (err) {
    return crud.failSave(key, err);
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

export async function importEndpoints(payload: unknown): Promise<Endpoint[]> {
  const created = await endpointsApi.importMany(payload);
  await loadEndpoints();
  if (created[0]) set({ selected: created[0].id });
  return created;
}
