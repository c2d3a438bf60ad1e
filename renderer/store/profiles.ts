import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { FieldError } from '../../src/model/endpoint';
import type { Profile, ProfileInput, ProfilePreset, SecretEncodingName, SecretKind } from '../../src/model/profile';
import { errorMessage } from '../api/client';
import { fieldErrorsOf, profilesApi } from '../api/profiles';
import { verdictsApi, type SchemeInfo } from '../api/verdicts';
import { isUnder, parseJson, prettyJson, stableStringify } from '../features/endpoints/draft';
import { blankProfile, profileShapeProblem, toInput, type ProfileTab } from '../features/profiles/draft';

/** A saved profile's id, or the one being created. */
export type EditorKey = number | 'new';

/**
 * A secret typed into the editor: kept only in memory, sent once on save (`PUT …/secret`), and
 * never shown again: the API answers with the mask.
 */
export type SecretDraft = { op: 'set'; secret: string; encoding: SecretEncodingName; kind: SecretKind } | { op: 'remove' };

export interface Draft {
  value: ProfileInput;
  /** The JSON tab's text while it holds edits; null when it simply shows `value`. */
  jsonText: string | null;
  jsonParseError: string | null;
  /** It parses, but the form cannot draw it: the form tabs step aside, save sends the JSON as is. */
  jsonShapeProblem: string | null;
  secret: SecretDraft | null;
  /** From the last refused save: each names its field. */
  errors: FieldError[];
  message: string | null;
  /** The definition was saved but the secret was refused: only the secret is still pending. */
  definitionSaved: boolean;
  saving: boolean;
}

export type RightPanel = 'editor' | 'workbench';

export interface ProfilesState {
  items: Profile[];
  phase: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  selected: EditorKey | null;
  drafts: Record<string, Draft>;
  presets: ProfilePreset[] | null;
  presetsError: string | null;
  schemes: SchemeInfo[] | null;
  schemesError: string | null;
  /** The right side of the Profiles view: the selected profile's editor or the signature workbench. */
  panel: RightPanel;
  /** The editor's tab (kept when switching profiles, like the endpoint editor). */
  tab: ProfileTab;
  listWidth: number;
}

export const DEFAULT_PROFILE_LIST_WIDTH = 380;

export const profilesStore = createStore<ProfilesState>()(
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
        schemes: null,
        schemesError: null,
        panel: 'editor',
        tab: 'params',
        listWidth: DEFAULT_PROFILE_LIST_WIDTH,
      }) as ProfilesState,
    {
      name: 'postback-inspector.profiles',
      storage: createJSONStorage(() => localStorage),
      // Never the drafts: they may hold a secret being typed.
      partialize: ({ listWidth }) => ({ listWidth }),
    },
  ),
);

const set = (patch: Partial<ProfilesState> | ((s: ProfilesState) => Partial<ProfilesState>)) => profilesStore.setState(patch);
const get = () => profilesStore.getState();

// ---------------------------------------------------------------- loading

let loading: Promise<void> | null = null;

export function loadProfiles(): Promise<void> {
  loading ??= (async () => {
    if (get().phase !== 'ready') set({ phase: 'loading' });
    try {
      const items = await profilesApi.list();
      set((s) => ({
        items,
        phase: 'ready',
        error: null,
        selected:
          s.selected === 'new' || (s.selected !== null && items.some((p) => p.id === s.selected)) ? s.selected : (items[0]?.id ?? null),
      }));
    } catch (err) {
      set({ phase: 'error', error: errorMessage(err) });
    } finally {
      loading = null;
    }
  })();
  return loading;
}

export async function loadProfilePresets(): Promise<void> {
  if (get().presets) return;
  try {
    set({ presets: await profilesApi.presets(), presetsError: null });
  } catch (err) {
    set({ presetsError: errorMessage(err) });
  }
}

let schemesLoading: Promise<void> | null = null;

export function loadSchemes(): Promise<void> {
  if (get().schemes) return Promise.resolve();
  schemesLoading ??= (async () => {
    try {
      set({ schemes: await verdictsApi.schemes(), schemesError: null });
    } catch (err) {
      set({ schemesError: errorMessage(err) });
    } finally {
      schemesLoading = null;
    }
  })();
  return schemesLoading;
}

/** The schemes list, loaded on first use. */
export function useSchemes(): { schemes: SchemeInfo[] | null; error: string | null } {
  const schemes = useStore(profilesStore, (s) => s.schemes);
  const error = useStore(profilesStore, (s) => s.schemesError);
  useEffect(() => {
    void loadSchemes();
  }, []);
  return { schemes, error };
}

const askedFor = new Set<number>();

/** A profile's name (endpoint settings, verdicts); loads the list on first use and once more per unknown id. */
export function useProfileName(id: number | null): string | null {
  const name = useStore(profilesStore, (s) => (id === null ? null : (s.items.find((p) => p.id === id)?.name ?? null)));
  useEffect(() => {
    if (id === null || name !== null || askedFor.has(id)) return;
    askedFor.add(id);
    void loadProfiles();
  }, [id, name]);
  return name;
}

// ---------------------------------------------------------------- selection and drafts

export function selectProfile(key: EditorKey | null): void {
  set({ selected: key, panel: 'editor' });
}

export function showPanel(panel: RightPanel): void {
  set({ panel });
}

export function setProfileTab(tab: ProfileTab): void {
  set({ tab });
}

const draftKey = (key: EditorKey) => String(key);

export function savedInput(key: EditorKey): ProfileInput | null {
  if (key === 'new') return null;
  const item = get().items.find((p) => p.id === key);
  return item ? toInput(item) : null;
}

export function currentProfileValue(key: EditorKey): ProfileInput | null {
  return get().drafts[draftKey(key)]?.value ?? savedInput(key);
}

export function isDirty(key: EditorKey, s: ProfilesState = get()): boolean {
  const draft = s.drafts[draftKey(key)];
  if (!draft) return false;
  if (key === 'new' || draft.secret !== null) return true;
  if (draft.jsonText !== null && draft.jsonText !== prettyJson(draft.value)) return true;
  const item = s.items.find((p) => p.id === key);
  return !item || stableStringify(draft.value) !== stableStringify(toInput(item));
}

function emptyDraft(value: ProfileInput): Draft {
  return { value, jsonText: null, jsonParseError: null, jsonShapeProblem: null, secret: null, errors: [], message: null, definitionSaved: false, saving: false };
}

function patchDraft(key: EditorKey, patch: (d: Draft) => Partial<Draft>): void {
  const current = get().drafts[draftKey(key)];
  const base = current ?? emptyDraft(savedInput(key) ?? blankProfile(get().items));
  set((s) => ({ drafts: { ...s.drafts, [draftKey(key)]: { ...base, ...patch(base) } } }));
}

export function newProfile(): void {
  if (!get().drafts['new']) set((s) => ({ drafts: { ...s.drafts, new: emptyDraft(blankProfile(s.items)) } }));
  set({ selected: 'new', panel: 'editor' });
}

/** A form edit: `mutate` changes a copy. Errors at `touched` (and below it) are dropped: they described the old value. */
export function editProfile(key: EditorKey, mutate: (value: ProfileInput) => void, touched?: string): void {
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

export function editProfileJson(key: EditorKey, text: string): void {
  patchDraft(key, (d) => {
    const parsed = parseJson(text);
    if (!parsed.ok) return { jsonText: text, jsonParseError: parsed.message, jsonShapeProblem: null };
    const problem = profileShapeProblem(parsed.value);
    if (problem) return { jsonText: text, jsonParseError: null, jsonShapeProblem: problem };
    return { jsonText: text, jsonParseError: null, jsonShapeProblem: null, value: parsed.value as ProfileInput, errors: d.errors };
  });
}

export function editSecret(key: EditorKey, secret: SecretDraft | null): void {
  patchDraft(key, (d) => ({ secret, errors: d.errors.filter((e) => !['secret', 'kind', 'encoding'].some((f) => isUnder(e.field, f))) }));
}

export function revertProfile(key: EditorKey): void {
  set((s) => {
    const { [draftKey(key)]: _gone, ...drafts } = s.drafts;
    return { drafts, ...(key === 'new' && s.selected === 'new' ? { selected: s.items[0]?.id ?? null } : {}) };
  });
}

function payloadOf(draft: Draft): { ok: true; body: unknown } | { ok: false; message: string } {
  if (draft.jsonText !== null && draft.jsonText !== prettyJson(draft.value)) {
    const parsed = parseJson(draft.jsonText);
    if (!parsed.ok) return { ok: false, message: `The JSON does not parse: ${parsed.message}` };
    return { ok: true, body: parsed.value };
  }
  return { ok: true, body: draft.value };
}

function replaceItem(saved: Profile): void {
  set((s) => ({
    items: s.items.some((p) => p.id === saved.id) ? s.items.map((p) => (p.id === saved.id ? saved : p)) : [...s.items, saved],
  }));
}

/**
 * POST or PUT the definition, then the secret if one was typed or removed. A refusal keeps every
 * edit and records the errors next to the fields they name. When the definition saves but the
 * secret is refused, the profile is saved and the draft keeps only the secret.
 */
export async function saveProfile(key: EditorKey): Promise<boolean> {
  const draft = get().drafts[draftKey(key)];
  if (!draft || draft.saving) return false;
  const payload = payloadOf(draft);
  if (!payload.ok) {
    patchDraft(key, () => ({ message: payload.message, errors: [] }));
    return false;
  }
  patchDraft(key, () => ({ saving: true, definitionSaved: false }));
  let saved: Profile;
  const item = key === 'new' ? null : get().items.find((p) => p.id === key);
  const definitionChanged = key === 'new' || !item || stableStringify(payload.body) !== stableStringify(toInput(item));
  try {
    saved = definitionChanged ? (key === 'new' ? await profilesApi.create(payload.body) : await profilesApi.update(key, payload.body)) : item;
  } catch (err) {
    patchDraft(key, () => ({ saving: false, errors: fieldErrorsOf(err), message: errorMessage(err) }));
    return false;
  }
  replaceItem(saved);
  // From here on the draft lives under the saved id.
  const moveDraft = (patch: Partial<Draft> | null) =>
    set((s) => {
      const { [draftKey(key)]: _old, ...drafts } = s.drafts;
      return {
        drafts: patch ? { ...drafts, [String(saved.id)]: { ...emptyDraft(toInput(saved)), ...patch } } : drafts,
        selected: s.selected === key ? saved.id : s.selected,
      };
    });
  const secret = draft.secret;
  if (secret) {
    try {
      if (secret.op === 'set') {
        const info = await profilesApi.setSecret(saved.id, { secret: secret.secret, encoding: secret.encoding, kind: secret.kind });
        saved = { ...saved, secret: info };
      } else {
        await profilesApi.clearSecret(saved.id);
        saved = { ...saved, secret: null };
      }
      replaceItem(saved);
    } catch (err) {
      moveDraft({ secret, errors: fieldErrorsOf(err).length ? fieldErrorsOf(err) : [{ field: 'secret', message: errorMessage(err) }], message: errorMessage(err), definitionSaved: true });
      return false;
    }
  }
  moveDraft(null);
  return true;
}

export async function deleteProfile(id: number): Promise<void> {
  await profilesApi.remove(id);
  set((s) => {
    const items = s.items.filter((p) => p.id !== id);
    const { [draftKey(id)]: _gone, ...drafts } = s.drafts;
    const index = s.items.findIndex((p) => p.id === id);
    return { items, drafts, selected: s.selected === id ? (items[Math.min(index, items.length - 1)]?.id ?? null) : s.selected };
  });
}

export async function addProfilePreset(presetId: string): Promise<Profile> {
  const created = await profilesApi.addPreset(presetId);
  set((s) => ({ items: [...s.items.filter((p) => p.id !== created.id), created], selected: created.id, panel: 'editor' }));
  return created;
}

export function setProfileListWidth(px: number): void {
  set({ listWidth: Math.round(px) });
}

if (typeof window !== 'undefined' && !window.postbackInspector) {
  window.addEventListener('beforeunload', (e) => {
    const s = get();
    if (Object.keys(s.drafts).some((k) => isDirty(k === 'new' ? 'new' : Number(k), s))) e.preventDefault();
  });
}
