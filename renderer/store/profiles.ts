import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { Profile, ProfileInput, ProfilePreset, SecretEncodingName, SecretKind } from '../../src/model/profile';
import { errorMessage } from '../api/client';
import { fieldErrorsOf } from '../api/json-request';
import { profilesApi } from '../api/profiles';
import { verdictsApi, type SchemeInfo } from '../api/verdicts';
import { blankProfile, profileShapeProblem, toInput, type ProfileTab } from '../features/profiles/draft';
import { isUnder, stableStringify } from '../lib/json-draft';
import { baseDraft, createCrudStore, createDefinitionCrud, type CrudState, type DraftBase, type EditorKey } from './definition-crud';

export type { EditorKey };

/**
 * A secret typed into the editor: kept only in memory, sent once on save (`PUT …/secret`), and
 * never shown again: the API answers with the mask.
 */
export type SecretDraft = { op: 'set'; secret: string; encoding: SecretEncodingName; kind: SecretKind } | { op: 'remove' };

export interface Draft extends DraftBase<ProfileInput> {
  secret: SecretDraft | null;
  /** The definition was saved but the secret was refused: only the secret is still pending. */
  definitionSaved: boolean;
}

export type RightPanel = 'editor' | 'workbench';

export interface ProfilesState extends CrudState<Profile, Draft, ProfilePreset> {
  schemes: SchemeInfo[] | null;
  schemesError: string | null;
  /** The right side of the Profiles view: the selected profile's editor or the signature workbench. */
  panel: RightPanel;
  /** The editor's tab (kept when switching profiles, like the endpoint editor). */
  tab: ProfileTab;
}

export const DEFAULT_PROFILE_LIST_WIDTH = 380;

// Never persists the drafts: they may hold a secret being typed.
export const profilesStore = createCrudStore<ProfilesState>('postback-inspector.profiles', {
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
});

const set = (patch: Partial<ProfilesState> | ((s: ProfilesState) => Partial<ProfilesState>)) => profilesStore.setState(patch);
const get = () => profilesStore.getState();

const crud = createDefinitionCrud<Profile, ProfileInput, Draft, ProfilePreset, ProfilesState>({
  store: profilesStore,
  api: profilesApi,
  toInput,
  blank: blankProfile,
  shapeProblem: profileShapeProblem,
  emptyDraft: (value) => ({ ...baseDraft(value), secret: null, definitionSaved: false }),
  // A typed (or removed) secret is an unsaved change even when the definition is untouched.
  dirtyExtra: (draft) => draft.secret !== null,
  showEditor: { panel: 'editor' },
});
const { draftKey, patchDraft } = crud;

export const loadProfiles = crud.load;
export const loadProfilePresets = crud.loadPresets;
/** A profile's name (endpoint settings, verdicts); loads the list on first use and once more per unknown id. */
export const useProfileName = crud.useName;
export const selectProfile = crud.select;
export const savedInput = crud.savedInput;
export const currentProfileValue = crud.currentValue;
export const isDirty = crud.isDirty;
export const newProfile = crud.createNew;
export const editProfile = crud.edit;
export const editProfileJson = crud.editJson;
export const revertProfile = crud.revert;
export const deleteProfile = crud.remove;
export const addProfilePreset = crud.addPreset;
export const setProfileListWidth = crud.setListWidth;

// ---------------------------------------------------------------- signature schemes

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

// ---------------------------------------------------------------- selection and drafts

export function showPanel(panel: RightPanel): void {
  set({ panel });
}

export function setProfileTab(tab: ProfileTab): void {
  set({ tab });
}

export function editSecret(key: EditorKey, secret: SecretDraft | null): void {
  patchDraft(key, (d) => ({ secret, errors: d.errors.filter((e) => !['secret', 'kind', 'encoding'].some((f) => isUnder(e.field, f))) }));
}

/**
 * POST or PUT the definition, then the secret if one was typed or removed. A refusal keeps every
 * edit and records the errors next to the fields they name. When the definition saves but the
 * secret is refused, the profile is saved and the draft keeps only the secret.
 */
export async function saveProfile(key: EditorKey): Promise<boolean> {
  const start = crud.beginSave(key);
  if (!start) return false;
  const { draft, body } = start;
  patchDraft(key, () => ({ saving: true, definitionSaved: false }));
  let saved: Profile;
  const item = key === 'new' ? null : get().items.find((p) => p.id === key);
  // Only a secret changed: the definition is not written again.
  const definitionChanged = key === 'new' || !item || stableStringify(body) !== stableStringify(toInput(item));
  try {
    saved = definitionChanged ? await crud.write(key, body) : item;
  } catch (err) {
    return crud.failSave(key, err);
  }
  crud.replaceItem(saved);
  // From here on the draft lives under the saved id.
  const moveDraft = (patch: Partial<Draft> | null) => crud.settleDraft(key, saved, patch);
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
      crud.replaceItem(saved);
    } catch (err) {
      moveDraft({ secret, errors: fieldErrorsOf(err).length ? fieldErrorsOf(err) : [{ field: 'secret', message: errorMessage(err) }], message: errorMessage(err), definitionSaved: true });
      return false;
    }
  }
  moveDraft(null);
  return true;
}
