import type {
  Bucket,
  MetricsEvent,
  MetricsFilter,
  ProblemKind,
} from '../../src/model/metrics';
import { callApi, callApiRaw } from './call';
import { openStream } from './sse';
import { streamPaths } from '../../src/shared/api/index';
import { saveResponse } from '../lib/download';

/** Typed client for the metrics routes (src/control/metrics-routes.ts). */

/** The window and filters as the metrics routes read them. */
function filterParams(f: MetricsFilter, extra: Record<string, string | number | null | undefined> = {}): URLSearchParams {
  const sp = new URLSearchParams({ from: String(Math.floor(f.from)), to: String(Math.ceil(f.to)) });
  if (f.direction) sp.set('direction', f.direction);
  if (f.endpointId !== null) sp.set('endpoint', String(f.endpointId));
  if (f.profileId !== null) sp.set('profile', String(f.profileId));
  if (f.templateId !== null) sp.set('template', String(f.templateId));
  for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined && v !== '') sp.set(k, String(v));
  return sp;
}

export interface Named {
  id: number;
  name: string;
}

export const metricsApi = {
  query: (f: MetricsFilter, options: { bucket?: Bucket | null; importId?: number | null }, signal?: AbortSignal) =>
    callApi('getMetrics', { query: filterParams(f, { bucket: options.bucket, import: options.importId }), signal }),
  failures: (f: MetricsFilter, kinds: ProblemKind[] | null, before: string | null, signal?: AbortSignal) =>
    callApi('getMetricsFailures', { query: filterParams(f, { kind: kinds?.join(','), before, limit: 200 }), signal }),
  imports: () => callApi('listExpectedImports'),
  importExpected: (name: string, text: string) => callApi('importExpected', { body: { name, text } }),
  deleteImport: (id: number) => callApi('deleteExpectedImport', { params: { id } }),
  reconcile: (f: MetricsFilter, importId: number) => callApi('getReconciliation', { query: filterParams(f, { import: importId }) }),
  /** The report as a file: fetched with the token, handed to the browser as a download. */
  async downloadReport(f: MetricsFilter, format: 'html' | 'csv' | 'json', importId: number | null): Promise<void> {
    const res = await callApiRaw('getReport', { query: filterParams(f, { format, import: importId }) });
    await saveResponse(res, `postback-report.${format}`);
  },
  /** Names for the filter selects; a list the core does not serve yet just stays empty. */
  async names(route: 'listProfiles' | 'listTemplates'): Promise<Named[]> {
    try {
      const items: Array<{ id: number; name?: string; definition?: { name?: string } }> = await callApi(route);
      return items.map((i) => ({ id: i.id, name: i.name ?? i.definition?.name ?? `#${i.id}` }));
    } catch {
      return [];
    }
  },
};

/** GET /api/metrics/events; `onOpen` runs on every (re)connect because deltas may have been missed meanwhile. */
export function openMetricsStream(onEvent: (e: MetricsEvent) => void, onOpen: () => void): () => void {
  return openStream<MetricsEvent>(streamPaths.metricsEvents, { onEvent, onOpen });
}
