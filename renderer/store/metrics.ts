import { createJSONStorage, persist } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { ExpectedImport, FailureRow, MetricsFilter, MetricsResult, ProblemKind, Reconciliation } from '../../src/model/metrics';
import { errorMessage } from '../api/client';
import { metricsApi, openMetricsStream, type Named } from '../api/metrics';
import { applyDeltas } from '../features/metrics/live';

export type WindowKey = '15m' | '1h' | '6h' | '24h' | '7d' | '30d';
export const WINDOWS: Record<WindowKey, { label: string; ms: number }> = {
  '15m': { label: 'Last 15 min', ms: 15 * 60_000 },
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '6h': { label: 'Last 6 h', ms: 6 * 3_600_000 },
  '24h': { label: 'Last 24 h', ms: 86_400_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000 },
  '30d': { label: 'Last 30 days', ms: 30 * 86_400_000 },
};

export interface MetricsFilters {
  window: WindowKey;
  direction: 'in' | 'out' | null;
  endpointId: number | null;
  profileId: number | null;
  templateId: number | null;
  importId: number | null;
}

export interface MetricsState extends MetricsFilters {
  result: MetricsResult | null;
  phase: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  failures: FailureRow[];
  failuresNext: string | null;
  kinds: ProblemKind[] | null;
  failuresError: string | null;
  imports: ExpectedImport[];
  reconciliation: Reconciliation | null;
  reconcileError: string | null;
  profiles: Named[];
  templates: Named[];
  live: boolean;
}

export const metricsStore = createStore<MetricsState>()(
  persist(
    () =>
      ({
        window: '1h', direction: null, endpointId: null, profileId: null, templateId: null, importId: null,
        result: null, phase: 'idle', error: null, failures: [], failuresNext: null, kinds: null, failuresError: null,
        imports: [], reconciliation: null, reconcileError: null, profiles: [], templates: [], live: false,
      }) as MetricsState,
    {
      name: 'postback-inspector.metrics',
      storage: createJSONStorage(() => localStorage),
      partialize: ({ window, direction, endpointId, profileId, templateId, kinds }) => ({ window, direction, endpointId, profileId, templateId, kinds }),
    },
  ),
);

const get = () => metricsStore.getState();
const set = (patch: Partial<MetricsState>) => metricsStore.setState(patch);

export function currentFilter(s: MetricsFilters = get()): MetricsFilter {
  const to = Date.now();
  return { from: to - WINDOWS[s.window].ms, to, direction: s.direction, endpointId: s.endpointId, profileId: s.profileId, templateId: s.templateId };
}

let abort: AbortController | null = null;

/** The KPIs, series and first failures page for the current filters. */
export async function reloadMetrics(): Promise<void> {
  abort?.abort();
  abort = new AbortController();
  const signal = abort.signal;
  const f = currentFilter();
  if (!get().result) set({ phase: 'loading' });
  try {
    const [result, failures] = await Promise.all([metricsApi.query(f, { importId: get().importId }, signal), metricsApi.failures(f, get().kinds, null, signal)]);
    if (signal.aborted) return;
    set({ result, phase: 'ready', error: null, failures: failures.items, failuresNext: failures.next, failuresError: null });
  } catch (err) {
    if ((err as Error).name === 'AbortError') return;
    set({ phase: 'error', error: errorMessage(err) });
  }
}

export async function loadMoreFailures(): Promise<void> {
  const { failuresNext, kinds, failures } = get();
  if (!failuresNext) return;
  try {
    const page = await metricsApi.failures(currentFilter(), kinds, failuresNext);
    set({ failures: failures.concat(page.items), failuresNext: page.next });
  } catch (err) {
    set({ failuresError: errorMessage(err) });
  }
}

export function setMetricsFilters(patch: Partial<MetricsFilters>): void {
  set({ ...patch, reconciliation: patch.importId === undefined ? get().reconciliation : null });
  void reloadMetrics();
}

export function setKinds(kinds: ProblemKind[] | null): void {
  set({ kinds });
  void reloadMetrics();
}

export async function loadOptions(): Promise<void> {
  const [profiles, templates, imports] = await Promise.all([metricsApi.names('listProfiles'), metricsApi.names('listTemplates'), metricsApi.imports().catch(() => [])]);
  set({ profiles, templates, imports });
}

export async function importExpected(name: string, text: string): Promise<ExpectedImport> {
  const created = await metricsApi.importExpected(name, text);
  set({ imports: [created, ...get().imports], importId: created.id });
  await reconcileNow();
  void reloadMetrics();
  return created;
}

export async function reconcileNow(): Promise<void> {
  const id = get().importId;
  if (id === null) {
    set({ reconciliation: null });
    return;
  }
  try {
    set({ reconciliation: await metricsApi.reconcile(currentFilter(), id), reconcileError: null });
  } catch (err) {
    set({ reconcileError: errorMessage(err) });
  }
}

/** Refetch at most this often while deltas flow: exact percentiles and the sliding window. */
const REFETCH_MS = 2000;
const SLIDE_MS = 30_000;

/** Live while the view is open: deltas applied at once, a throttled refetch for exactness. */
export function startMetricsSync(): () => void {
  let refetch: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    refetch ??= setTimeout(() => {
      refetch = undefined;
      void reloadMetrics();
    }, REFETCH_MS);
  };
  void reloadMetrics();
  void loadOptions();
  const stop = openMetricsStream(
    (event) => {
      const result = get().result;
      if (event.type === 'delta' && result) set({ result: applyDeltas(result, event.rows) });
      if (event.type !== 'lag') soon();
    },
    () => {
      set({ live: true });
      soon();
    },
  );
  const slide = setInterval(() => void reloadMetrics(), SLIDE_MS);
  return () => {
    stop();
    clearTimeout(refetch);
    clearInterval(slide);
    set({ live: false });
  };
}
