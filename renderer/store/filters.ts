import { createStore } from 'zustand/vanilla';
import { createJSONStorage, persist } from 'zustand/middleware';
import { parseFilter } from '../../src/shared/filter-language';

export interface ParamFilter {
  name: string;
  value: string;
}

export interface Filters {
  /** The search box: a filter-language expression (bare words are free text). */
  text: string;
  method: string;
  status: string;
  path: string;
  params: ParamFilter[];
}

export const emptyFilters: Filters = { text: '', method: '', status: '', path: '', params: [] };

interface FiltersState extends Filters {
  set(patch: Partial<Filters>): void;
  addParam(param: ParamFilter): void;
  removeParam(index: number): void;
  clear(): void;
}

export const filtersStore = createStore<FiltersState>()(
  persist(
    (set) => ({
      ...emptyFilters,
      set: (patch) => set(patch),
      addParam: (param) =>
        set((s) =>
          s.params.some((p) => p.name === param.name && p.value === param.value) ? s : { params: [...s.params, param] },
        ),
      removeParam: (index) => set((s) => ({ params: s.params.filter((_, i) => i !== index) })),
      clear: () => set(emptyFilters),
    }),
    {
      name: 'postback-inspector.filters',
      storage: createJSONStorage(() => localStorage),
      partialize: ({ text, method, status, path, params }) => ({ text, method, status, path, params }),
    },
  ),
);

export function currentFilters(): Filters {
  const { text, method, status, path, params } = filtersStore.getState();
  return { text, method, status, path, params };
}

/** The expression to send, or null while it does not parse (the box shows why; the list keeps its last result). */
export function validExpression(text: string): string | null {
  const trimmed = text.trim();
  return parseFilter(trimmed).ok ? trimmed : null;
}

export function hasFilters(f: Filters): boolean {
  return Boolean(f.text.trim() || f.method || f.status.trim() || f.path.trim() || f.params.length);
}

/** `name=value` → a param filter; anything else → null. */
export function parseParamFilter(input: string): ParamFilter | null {
  const eq = input.indexOf('=');
  if (eq <= 0) return null;
  const name = input.slice(0, eq).trim();
  if (!name || /\s/.test(name)) return null;
  return { name, value: input.slice(eq + 1).trim() };
}
