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
import { ApiError, authHeaders } from './client';
import { apiBase } from './token';

/** Typed client for the metrics routes (src/control/metrics-routes.ts). */

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${apiBase()}${path}`, { ...init, headers: { ...authHeaders(), ...init.headers } });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError('The inspector is not reachable. Is `postback-inspector serve` still running?', 0);
  }
  if (res.ok) return res;
  let message = `${res.status} ${res.statusText}`.trim();
  let code: string | null = null;
  try {
    const body = (await res.json()) as { error?: { message?: string; code?: string } };
    if (body.error?.message) message = body.error.message;
    code = body.error?.code ?? null;
  } catch {
    // Not JSON: the status line says enough.
  }
  throw new ApiError(message, res.status, code);
}

const json = async <T>(path: string, init?: RequestInit): Promise<T> => (await (await request(path, init)).json()) as T;

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
    const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `postback-report.${format}`;
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
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

/**
 * GET /api/metrics/events over fetch (EventSource cannot send the token). Reconnects with
 * backoff; `onOpen` runs on every (re)connect because deltas may have been missed meanwhile.
 */
export function openMetricsStream(onEvent: (e: MetricsEvent) => void, onOpen: () => void): () => void {
  const abort = new AbortController();
  let delay = 500;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connect = async () => {
    try {
      const res = await fetch(`${apiBase()}/api/metrics/events`, { headers: { ...authHeaders(), Accept: 'text/event-stream' }, signal: abort.signal, cache: 'no-store' });
      if (res.status === 401 || res.status === 404) return;
      if (!res.ok || !res.body) throw new Error(String(res.status));
      delay = 500;
      onOpen();
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(l[5] === ' ' ? 6 : 5))
            .join('\n');
          buffer = buffer.slice(end + 2);
          if (data) {
            try {
              onEvent(JSON.parse(data) as MetricsEvent);
            } catch {
              // One malformed event must not end the stream.
            }
          }
        }
      }
    } catch {
      // Dropped: retry below.
    }
    if (abort.signal.aborted) return;
    timer = setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, 10_000);
  };
  void connect();
  return () => {
    abort.abort();
    clearTimeout(timer);
  };
}
