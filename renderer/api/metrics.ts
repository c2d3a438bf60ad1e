import type {
  Bucket,
  ExpectedImport,
  FailuresPage,
  MetricsEvent,
  MetricsFilter,
  MetricsResult,
  ProblemKind,
  Reconciliation,
} from '../../src/model/metrics';
import { json, request } from './http';
import { openStream } from './sse';
import { saveResponse } from '../lib/download';

/** Typed client for the metrics routes (src/control/metrics-routes.ts). */

export function filterQuery(f: MetricsFilter, extra: Record<string, string | number | null | undefined> = {}): string {
  const sp = new URLSearchParams({ from: String(Math.floor(f.from)), to: String(Math.ceil(f.to)) });
  if (f.direction) sp.set('direction', f.direction);
  if (f.endpointId !== null) sp.set('endpoint', String(f.endpointId));
  if (f.profileId !== null) sp.set('profile', String(f.profileId));
  if (f.templateId !== null) sp.set('template', String(f.templateId));
  for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined && v !== '') sp.set(k, String(v));
  return sp.toString();
}

export interface Named {
  id: number;
  name: string;
}

export const metricsApi = {
  query: (f: MetricsFilter, options: { bucket?: Bucket | null; importId?: number | null }, signal?: AbortSignal) =>
    json<MetricsResult>(`/api/metrics?${filterQuery(f, { bucket: options.bucket, import: options.importId })}`, signal ? { signal } : {}),
  failures: (f: MetricsFilter, kinds: ProblemKind[] | null, before: string | null, signal?: AbortSignal) =>
    json<FailuresPage>(`/api/metrics/failures?${filterQuery(f, { kind: kinds?.join(','), before, limit: 200 })}`, signal ? { signal } : {}),
  imports: () => json<ExpectedImport[]>('/api/expected'),
  importExpected: (name: string, text: string) =>
    json<ExpectedImport>('/api/expected', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, text }) }),
  deleteImport: (id: number) => request(`/api/expected/${id}`, { method: 'DELETE' }).then(() => undefined),
  reconcile: (f: MetricsFilter, importId: number) => json<Reconciliation>(`/api/reconciliation?${filterQuery(f, { import: importId })}`),
  /** The report as a file: fetched with the token, handed to the browser as a download. */
  async downloadReport(f: MetricsFilter, format: 'html' | 'csv' | 'json', importId: number | null): Promise<void> {
    const res = await request(`/api/report?${filterQuery(f, { format, import: importId })}`);
    await saveResponse(res, `postback-report.${format}`);
  },
  /** Names for the filter selects; a list the core does not serve yet just stays empty. */
  async names(path: '/api/profiles' | '/api/templates'): Promise<Named[]> {
    try {
      const items = await json<Array<{ id: number; name?: string; definition?: { name?: string } }>>(path);
      return items.map((i) => ({ id: i.id, name: i.name ?? i.definition?.name ?? `#${i.id}` }));
    } catch {
      return [];
    }
  },
};

/** GET /api/metrics/events; `onOpen` runs on every (re)connect because deltas may have been missed meanwhile. */
export function openMetricsStream(onEvent: (e: MetricsEvent) => void, onOpen: () => void): () => void {
  return openStream<MetricsEvent>('/api/metrics/events', { onEvent, onOpen });
}
