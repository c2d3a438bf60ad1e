import { createJSONStorage, persist } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { Baseline, BaselineResult, ComparisonResult, ComparisonToggles, ExpectedRequestInput, RuleScope } from '../../src/model/comparison';
import { errorMessage } from '../api/client';
import { diffApi, fieldsOf, ignoreFieldIndex, type CompareOptions } from '../api/diff';
import { select, selectionStore } from './selection';
import { settingsStore } from './settings';

export type DiffMode = 'split' | 'unified';

/** What the shown result was asked with: Copy as Markdown asks again, in the same way. */
export interface ResultRequest {
  a: number | ExpectedRequestInput;
  b: number;
  options: CompareOptions;
}

export interface DiffState {
  /** Exchange ids on each side; the left is the reference (older, baseline, expected). */
  left: number | null;
  right: number | null;
  /** An expected request (e.g. a template's expansion) on the left instead of a stored exchange. */
  expected: ExpectedRequestInput | null;
  /** Toggles the user set for this comparison; the rest come from saved rules, else the defaults. */
  overrides: ComparisonToggles;
  /** Ignore rules for this comparison only (saved ones are merged in by the server). */
  ignore: string[];
  /** Merge the saved rules of the endpoint / profile both sides share (`rules=auto`), or not (`none`). */
  useSaved: boolean;
  mode: DiffMode;
  result: ComparisonResult | null;
  /** The request the shown result was made with (what Copy as Markdown asks for again). */
  resultRequest: ResultRequest | null;
  phase: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** Messages for the rules in `ignore` the server refused, by index. */
  ruleErrors: Record<number, string>;
  /** Volatile headers that differ (not counted) are folded away until asked. */
  showVolatile: boolean;
  /** Unchanged headers and text lines are folded away until asked. */
  showUnchanged: boolean;

  /** The second postback picked in the Inbox (shift/ctrl-click): `d` compares it with the selected one. */
  marked: number | null;

  baselines: Baseline[];
  baselinesError: string | null;
  /** Per exchange id: its results against the baselines of its scopes (endpoint, profile). */
  baselineResults: Record<number, BaselineResult[]>;
}

export const diffStore = createStore<DiffState>()(
  persist(
    () =>
      ({
        left: null,
        right: null,
        expected: null,
        overrides: {},
        ignore: [],
        useSaved: true,
        mode: 'split',
        result: null,
        resultRequest: null,
        phase: 'idle',
        error: null,
        ruleErrors: {},
        showVolatile: false,
        showUnchanged: false,
        marked: null,
        baselines: [],
        baselinesError: null,
        baselineResults: {},
      }) as DiffState,
    {
      name: 'postback-inspector.diff',
      storage: createJSONStorage(() => localStorage),
      partialize: ({ mode }) => ({ mode }),
    },
  ),
);

const set = (patch: Partial<DiffState> | ((s: DiffState) => Partial<DiffState>)) => diffStore.setState(patch);
const get = () => diffStore.getState();

// ---------------------------------------------------------------- the comparison

let generation = 0;
let abort: AbortController | null = null;

export function currentOptions(s: DiffState = get()): CompareOptions {
  return { ...s.overrides, ignore: s.ignore, rules: s.useSaved ? 'auto' : 'none' };
}

/** Runs the comparison of the current sides and options; older requests are abandoned. */
export async function loadDiff(): Promise<void> {
  const { left, right, expected } = get();
  const gen = ++generation;
  abort?.abort();
  const a = expected ?? left;
  if (a === null || right === null) {
    set({ phase: 'idle', error: null, ruleErrors: {} });
    return;
  }
  abort = new AbortController();
  const options = currentOptions();
  set({ phase: 'loading', error: null });
  try {
    const result =
      typeof a === 'number'
        ? await diffApi.compare(a, right, options, abort.signal)
        : await diffApi.expected(expectedBody(a, right, options), abort.signal);
    if (gen !== generation) return;
    set({ result, resultRequest: { a, b: right, options }, phase: 'ready', error: null, ruleErrors: {} });
  } catch (err) {
    if (gen !== generation || (err as Error).name === 'AbortError') return;
    const ruleErrors: Record<number, string> = {};
    for (const f of fieldsOf(err)) {
      const i = ignoreFieldIndex(f.field);
      if (i !== null) ruleErrors[i] = f.message;
    }
    set({ phase: 'error', error: errorMessage(err), ruleErrors });
  }
}

export function expectedBody(expected: ExpectedRequestInput, exchangeId: number, options: CompareOptions) {
  const { ignore, rules, ...toggles } = options;
  return { expected, exchangeId, ...toggles, ...(ignore?.length ? { ignore: [...ignore] } : {}), ...(rules ? { rules } : {}) };
}

/** Opens the Diff view on two exchanges: left is the reference, right what is checked against it. */
export function compareExchanges(left: number, right: number | null): void {
  set({ left, right, expected: null });
  settingsStore.getState().setView('diff');
  void loadDiff();
}

export function setSides(left: number | null, right: number | null): void {
  if (left === get().left && right === get().right) return;
  set({ left, right });
  void loadDiff();
}

export function swapSides(): void {
  const { left, right, expected } = get();
  // An expected request is always the reference: it stays on the left.
  if (expected) return;
  setSides(right, left);
}

/**
 * Expected vs captured: the request as it should have been (e.g. a template's expansion) on the
 * left, the capture on the right. Composer / Outbox can open the Diff view with this.
 */
export function compareExpected(expected: ExpectedRequestInput, exchangeId: number | null): void {
  set({ expected, right: exchangeId ?? get().right });
  settingsStore.getState().setView('diff');
  void loadDiff();
}

export function clearExpected(): void {
  set({ expected: null });
  void loadDiff();
}

export function setToggle<K extends keyof ComparisonToggles>(name: K, value: ComparisonToggles[K]): void {
  set((s) => ({ overrides: { ...s.overrides, [name]: value } }));
  void loadDiff();
}

export function setUseSaved(useSaved: boolean): void {
  set({ useSaved });
  void loadDiff();
}

/** Commas separate rules in the API, so a pasted list becomes several rules. */
export function addIgnoreRules(text: string): void {
  const rules = text
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  if (rules.length === 0) return;
  set((s) => ({ ignore: [...s.ignore, ...rules.filter((r) => !s.ignore.includes(r))] }));
  void loadDiff();
}

export function removeIgnoreRule(index: number): void {
  set((s) => ({ ignore: s.ignore.filter((_, i) => i !== index) }));
  void loadDiff();
}

export function clearIgnoreRules(): void {
  set({ ignore: [], overrides: {} });
  void loadDiff();
}

export function setMode(mode: DiffMode): void {
  set({ mode });
}

export function setShowVolatile(showVolatile: boolean): void {
  set({ showVolatile });
}

export function setShowUnchanged(showUnchanged: boolean): void {
  set({ showUnchanged });
}

/**
 * Saves this comparison's rules and explicit toggles for a scope, on top of what it already has
 * there (a union: saving never silently drops a rule someone saved before).
 */
export async function saveRulesFor(scope: RuleScope, scopeId: number): Promise<void> {
  const s = get();
  const existing = await diffApi.ignoreRules(scope, scopeId);
  const ignore = [...new Set([...existing.ignore, ...s.ignore])];
  const { paramOrder, headerOrder, volatileHeaders, jsonArrays } = { ...existing, ...s.overrides };
  const input = { ignore, ...defined({ paramOrder, headerOrder, volatileHeaders, jsonArrays }) };
  await diffApi.saveIgnoreRules(scope, scopeId, input);
  await loadDiff();
}

/** Takes one rule out of the saved sets this comparison used. */
export async function removeSavedRule(rule: string): Promise<void> {
  const scopes = get().result?.rules ?? [];
  for (const { scope, scopeId } of scopes) {
    const saved = await diffApi.ignoreRules(scope, scopeId);
    if (!saved.ignore.includes(rule)) continue;
    const { paramOrder, headerOrder, volatileHeaders, jsonArrays } = saved;
    await diffApi.saveIgnoreRules(scope, scopeId, {
      ignore: saved.ignore.filter((r) => r !== rule),
      ...defined({ paramOrder, headerOrder, volatileHeaders, jsonArrays }),
    });
  }
  await loadDiff();
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// ---------------------------------------------------------------- picking two in the Inbox

/** Shift/ctrl-click: the first pick becomes the selection, the second is marked beside it. */
export function markForCompare(id: number): void {
  const selected = selectionStore.getState().selectedId;
  if (selected === null) {
    select(id);
    return;
  }
  if (id === selected) return;
  set((s) => ({ marked: s.marked === id ? null : id }));
}

export function clearMark(): void {
  if (get().marked !== null) set({ marked: null });
}

/** Shift+↑/↓: the row being left stays picked, so the two ends can be compared with `d`. */
export function markSelected(): void {
  const selected = selectionStore.getState().selectedId;
  if (selected !== null && get().marked === null) set({ marked: selected });
}

/**
 * `d`: the selected and the marked postback, older on the left. With only one selected, it goes
 * on the left and the Diff view asks for the other side.
 */
export function compareSelected(): boolean {
  const selected = selectionStore.getState().selectedId;
  const { marked } = get();
  if (selected === null) return false;
  if (marked === null || marked === selected) {
    compareExchanges(selected, null);
    return true;
  }
  compareExchanges(Math.min(selected, marked), Math.max(selected, marked));
  return true;
}
