import { createJSONStorage, persist } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { Profile } from '../../src/model/profile';
import type { SendPreview, SendProblem, Template, TemplateSpec, ValueGenerator } from '../../src/model/sender';
import { errorMessage } from '../api/client';
import { profilesApi } from '../api/profiles';
import { senderApi } from '../api/sender';
import { stableStringify } from '../features/endpoints/draft';
import { blankTemplate, macrosOf, sampleValue, toSpec } from '../features/composer/template';
import { statusStore } from './status';
import { guardUnsaved } from '../lib/unsaved-guard';

/** A saved template's id, or the one being created. */
export type ComposerKey = number | 'new';

export type EditorTab = 'request' | 'values' | 'delivery' | 'bulk';
export type ResultTab = 'preview' | 'result';

/** One macro's generator in a bulk run; `fixed` uses the value from the Values tab. */
export type GeneratorChoice = { kind: 'fixed' } | ValueGenerator;

export interface BulkConfig {
  count: number;
  concurrency: number;
  /** Conversions started per second; 0: as fast as concurrency allows. */
  ratePerSecond: number;
  /** Bulk runs retry only when asked (a 15-minute plan would keep the run open). */
  useRetry: boolean;
  generators: Record<string, GeneratorChoice>;
  /** Share (0–100) of the run's postbacks marked to fail; optional: configs saved before it lack it. */
  failurePercent?: number;
  /** Which ones: the same seed marks the same conversions. */
  failureSeed?: number;
  /** Write each postback before it leaves (as single sends do); slower. Optional: older saved configs lack it. */
  recordBeforeSend?: boolean;
}

export const DEFAULT_BULK: BulkConfig = { count: 100, concurrency: 10, ratePerSecond: 0, useRetry: false, generators: {} };

export interface SaveError {
  message: string;
  /** The template field the server named (`template.url is required` → `url`), if any. */
  field: string | null;
}

export interface LastSend {
  outboxId: number;
  exchangeId: number;
  at: number;
}

export interface Refusal {
  message: string;
  problems: SendProblem[];
  preview: SendPreview | null;
}

export interface ComposerState {
  templates: Template[];
  phase: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  selected: ComposerKey;
  /** Unsaved edits per template key (`new` included). */
  drafts: Record<string, TemplateSpec>;
  /** The values typed for each template (kept across reloads): only names set here are sent. */
  vars: Record<string, Record<string, string>>;
  bulkConfigs: Record<string, BulkConfig>;
  /** Send overrides that are not part of a template. */
  timeScale: number;
  insecureTls: boolean;
  saving: boolean;
  saveError: SaveError | null;
  justSaved: boolean;

  preview: SendPreview | null;
  /** The key and input the preview was computed for (to tell a stale one). */
  previewFor: string | null;
  previewError: string | null;
  previewing: boolean;

  sending: boolean;
  refusal: Refusal | null;
  sendError: string | null;
  /** Each template's last send from here, followed live in the Result tab. */
  lastSends: Record<string, LastSend>;

  bulkRunId: string | null;
  bulkStarting: boolean;
  bulkError: string | null;

  profiles: Profile[] | null;
  profilesError: string | null;

  editorTab: EditorTab;
  resultTab: ResultTab;
  /** Width of the editor column in px (the preview takes the rest). */
  editorWidth: number;
  /** Import-cURL warnings of the draft it created. */
  importNotes: { key: ComposerKey; warnings: string[]; insecureTls: boolean } | null;
}

export const DEFAULT_EDITOR_WIDTH = 600;

export const composerStore = createStore<ComposerState>()(
  persist(
    () =>
      ({
        templates: [],
        phase: 'idle',
        error: null,
        selected: 'new',
        drafts: {},
        vars: {},
        bulkConfigs: {},
        timeScale: 1,
        insecureTls: false,
        saving: false,
        saveError: null,
        justSaved: false,
        preview: null,
        previewFor: null,
        previewError: null,
        previewing: false,
        sending: false,
        refusal: null,
        sendError: null,
        lastSends: {},
        bulkRunId: null,
        bulkStarting: false,
        bulkError: null,
        profiles: null,
        profilesError: null,
        editorTab: 'request',
        resultTab: 'preview',
        editorWidth: DEFAULT_EDITOR_WIDTH,
        importNotes: null,
      }) as ComposerState,
    {
      name: 'postback-inspector.composer',
      storage: createJSONStorage(() => localStorage),
      // Drafts of saved templates are not kept across reloads (ids belong to one data folder); the new one is.
      partialize: ({ selected, drafts, vars, bulkConfigs, timeScale, editorTab, editorWidth }) => ({
        selected,
        drafts: drafts['new'] ? { new: drafts['new'] } : {},
        vars,
        bulkConfigs,
        timeScale,
        editorTab,
        editorWidth,
      }),
    },
  ),
);

const set = (patch: Partial<ComposerState> | ((s: ComposerState) => Partial<ComposerState>)) => composerStore.setState(patch);
const get = () => composerStore.getState();
/** Drafts, last sends and bulk settings are kept per template under this key. */
export const draftKey = (key: ComposerKey) => String(key);

// ---------------------------------------------------------------- templates

let loading: Promise<void> | null = null;

export function loadTemplates(): Promise<void> {
  loading ??= (async () => {
    if (get().phase !== 'ready') set({ phase: 'loading' });
    try {
      const templates = await senderApi.templates();
      set((s) => ({
        templates,
        phase: 'ready',
        error: null,
        selected: s.selected === 'new' || templates.some((t) => t.id === s.selected) ? s.selected : 'new',
      }));
    } catch (err) {
      set({ phase: 'error', error: errorMessage(err) });
    } finally {
      loading = null;
    }
  })();
  return loading;
}

export async function loadProfilesForComposer(): Promise<void> {
  try {
    set({ profiles: await profilesApi.list(), profilesError: null });
  } catch (err) {
    set({ profilesError: errorMessage(err) });
  }
}

function receiverUrl(): string | null {
  return statusStore.getState().status?.receiverUrl ?? null;
}

/** Selectors must return the same object for the same state, so derived specs are cached. */
const specs = new WeakMap<Template, TemplateSpec>();
let blank: { url: string | null; spec: TemplateSpec } | null = null;
const EMPTY_VARS: Record<string, string> = Object.freeze({}) as Record<string, string>;

export function savedSpec(key: ComposerKey, s: ComposerState = get()): TemplateSpec | null {
  if (key === 'new') return null;
  const t = s.templates.find((x) => x.id === key);
  if (!t) return null;
  let spec = specs.get(t);
  if (!spec) specs.set(t, (spec = toSpec(t)));
  return spec;
}

function blankSpec(): TemplateSpec {
  const url = receiverUrl();
  if (!blank || blank.url !== url) blank = { url, spec: blankTemplate(url) };
  return blank.spec;
}

/** What the editor shows: the draft, else the saved template, else a blank one. */
export function currentSpec(s: ComposerState = get()): TemplateSpec {
  return s.drafts[draftKey(s.selected)] ?? savedSpec(s.selected, s) ?? blankSpec();
}

export function isDirty(key: ComposerKey, s: ComposerState = get()): boolean {
  const draft = s.drafts[draftKey(key)];
  if (key === 'new') return true;
  if (!draft) return false;
  const saved = savedSpec(key, s);
  return !saved || stableStringify(saved) !== stableStringify(draft);
}

export function currentLastSend(s: ComposerState = get()): LastSend | null {
  return s.lastSends[draftKey(s.selected)] ?? null;
}

export function selectTemplate(key: ComposerKey): void {
  set({ selected: key, resultTab: get().lastSends[draftKey(key)] ? get().resultTab : 'preview', saveError: null, refusal: null, sendError: null, justSaved: false, importNotes: null, preview: null, previewFor: null, previewError: null });
}

/** A new, unsaved template: the given one (import, duplicate), or a blank one with test values filled in. */
export function newTemplate(spec?: TemplateSpec): void {
  const draft = spec ?? blankTemplate(receiverUrl());
  const vars: Record<string, string> = {};
  if (!spec) {
    for (const m of macrosOf(draft)) {
      const sample = sampleValue(m.name);
      if (sample !== null) vars[m.name] = sample;
    }
  }
  set((s) => {
    const { new: _old, ...lastSends } = s.lastSends;
    return { drafts: { ...s.drafts, new: draft }, vars: { ...s.vars, new: vars }, lastSends, editorTab: 'request' };
  });
  selectTemplate('new');
}

/** A form edit of the open template; the save error is kept unless it was about the edited field. */
export function editTemplate(mutate: (spec: TemplateSpec) => void, field?: string): void {
  set((s) => {
    const spec = structuredClone(currentSpec(s));
    mutate(spec);
    const saveError = s.saveError && field !== undefined && s.saveError.field === field ? null : s.saveError;
    return { drafts: { ...s.drafts, [draftKey(s.selected)]: spec }, saveError, justSaved: false, refusal: null };
  });
}

export function revertTemplate(): void {
  set((s) => {
    const { [draftKey(s.selected)]: _gone, ...drafts } = s.drafts;
    return { drafts, saveError: null, refusal: null };
  });
}

/** `template.url is required` → `url`; `template.retry must be …` → `retry`. */
function fieldOf(message: string): string | null {
  const m = /\btemplate\.([a-zA-Z]+)/.exec(message) ?? /^(retry|success|exponential retry|schedule retry|disableAfter)\b/.exec(message);
  if (!m) return null;
  const f = m[1]!;
  if (/retry|disableAfter/.test(f)) return 'retry';
  return f;
}

export async function saveTemplate(): Promise<boolean> {
  const s = get();
  if (s.saving) return false;
  const key = s.selected;
  const spec = currentSpec(s);
  set({ saving: true, saveError: null });
  try {
    const saved = key === 'new' ? await senderApi.createTemplate(spec) : await senderApi.updateTemplate(key, spec);
    set((st) => {
      const { [draftKey(key)]: _saved, ...drafts } = st.drafts;
      const exists = st.templates.some((t) => t.id === saved.id);
      const vars = key === 'new' ? { ...st.vars, [saved.id]: st.vars['new'] ?? {} } : st.vars;
      const bulkConfigs = key === 'new' && st.bulkConfigs['new'] ? { ...st.bulkConfigs, [saved.id]: st.bulkConfigs['new'] } : st.bulkConfigs;
      const lastSends = key === 'new' && st.lastSends['new'] ? { ...st.lastSends, [saved.id]: st.lastSends['new'] } : st.lastSends;
      return {
        templates: exists ? st.templates.map((t) => (t.id === saved.id ? saved : t)) : [...st.templates, saved],
        drafts,
        vars,
        bulkConfigs,
        lastSends,
        selected: st.selected === key ? saved.id : st.selected,
        saving: false,
        justSaved: true,
        importNotes: st.importNotes?.key === key ? { ...st.importNotes, key: saved.id } : st.importNotes,
      };
    });
    return true;
  } catch (err) {
    const message = errorMessage(err);
    set({ saving: false, saveError: { message, field: fieldOf(message) } });
    return false;
  }
}

export async function deleteTemplate(id: number): Promise<void> {
  await senderApi.deleteTemplate(id);
  set((s) => {
    const { [draftKey(id)]: _d, ...drafts } = s.drafts;
    const { [draftKey(id)]: _v, ...vars } = s.vars;
    const templates = s.templates.filter((t) => t.id !== id);
    return { templates, drafts, vars, ...(s.selected === id ? { selected: templates[0]?.id ?? 'new' } : {}) };
  });
  if (get().selected === 'new' && !get().drafts['new']) newTemplate();
}

export function duplicateTemplate(): void {
  const spec = structuredClone(currentSpec());
  spec.name = `${spec.name} (copy)`;
  const vars = { ...(get().vars[draftKey(get().selected)] ?? {}) };
  newTemplate(spec);
  set((s) => ({ vars: { ...s.vars, new: vars } }));
}

/** Parses a pasted curl command into a new, unsaved template. */
export async function importCurl(command: string): Promise<void> {
  const result = await senderApi.importCurl(command);
  newTemplate(result.template);
  set({ importNotes: { key: 'new', warnings: result.warnings, insecureTls: result.insecureTls }, editorTab: 'request', ...(result.insecureTls ? { insecureTls: true } : {}) });
}

// ---------------------------------------------------------------- values

export function currentVars(s: ComposerState = get()): Record<string, string> {
  return s.vars[draftKey(s.selected)] ?? EMPTY_VARS;
}

export function setVar(name: string, value: string | null): void {
  set((s) => {
    const key = draftKey(s.selected);
    const next = { ...(s.vars[key] ?? {}) };
    if (value === null) delete next[name];
    else next[name] = value;
    return { vars: { ...s.vars, [key]: next }, refusal: null };
  });
}

export function setVars(values: Record<string, string>): void {
  set((s) => {
    const key = draftKey(s.selected);
    return { vars: { ...s.vars, [key]: { ...(s.vars[key] ?? {}), ...values } }, refusal: null };
  });
}

export function renameVar(from: string, to: string): void {
  set((s) => {
    const key = draftKey(s.selected);
    const entries = Object.entries(s.vars[key] ?? {}).map(([n, v]) => [n === from ? to : n, v] as const);
    return { vars: { ...s.vars, [key]: Object.fromEntries(entries) } };
  });
}

export function setTimeScale(timeScale: number): void {
  set({ timeScale });
}

export function setInsecureTls(insecureTls: boolean): void {
  set({ insecureTls });
}

export function setEditorTab(editorTab: EditorTab): void {
  set({ editorTab });
}

export function setResultTab(resultTab: ResultTab): void {
  set({ resultTab });
}

export function setEditorWidth(px: number): void {
  set({ editorWidth: Math.round(px) });
}

export function dismissImportNotes(): void {
  set({ importNotes: null });
}

// Closing or reloading with unsaved template edits asks first (renderer/lib/unsaved-guard.ts).
guardUnsaved(() => {
  const s = get();
  return Object.keys(s.drafts).some((k) => k !== 'new' && isDirty(Number(k), s));
});
