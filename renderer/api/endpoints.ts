import type { Endpoint, EndpointInput, EndpointPreset, FieldError } from '../../src/model/endpoint';
import { statusStore } from '../store/status';
import { ApiError, authHeaders } from './client';
import { apiBase } from './token';

/** An API refusal that may point at fields, e.g. `rules[0].conditions[1].value` (INVALID_ENDPOINT). */
export class EndpointApiError extends ApiError {
  constructor(
    message: string,
    status: number,
    code: string | null,
    readonly fields: FieldError[],
  ) {
    super(message, status, code);
    this.name = 'EndpointApiError';
  }
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${apiBase()}${path}`, { ...init, headers: { ...authHeaders(), ...init.headers } });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new EndpointApiError('The inspector is not reachable. Is `postback-inspector serve` still running?', 0, null, []);
  }
  if (res.ok) return res;
  if (res.status === 401) statusStore.setState({ unauthorized: true });
  throw await toError(res);
}

/** `{ error: { code, message, fields? } }` (src/errors.ts) → an error that keeps the fields. */
async function toError(res: Response): Promise<EndpointApiError> {
  let message = `${res.status} ${res.statusText}`.trim();
  let code: string | null = null;
  let fields: FieldError[] = [];
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown; fields?: unknown } };
    const err = body.error;
    if (typeof err?.message === 'string') message = err.message;
    if (typeof err?.code === 'string') code = err.code;
    if (Array.isArray(err?.fields)) {
      fields = err.fields.filter(
        (f): f is FieldError => typeof f === 'object' && f !== null && typeof f.field === 'string' && typeof f.message === 'string',
      );
    }
  } catch {
    // Not JSON: the status line is all we have.
  }
  return new EndpointApiError(message, res.status, code, fields);
}

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  return (await (await request(path, init)).json()) as T;
}

const send = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

/** What a PUT may carry besides the definition: `position` moves the endpoint in match order. */
export type EndpointUpdate = EndpointInput & { position?: number };

export const endpointsApi = {
  list: () => json<Endpoint[]>('/api/endpoints'),
  get: (id: number) => json<Endpoint>(`/api/endpoints/${id}`),
  /** The body is sent as is (the JSON tab may hold anything): the server validates. */
  create: (input: unknown) => json<Endpoint>('/api/endpoints', send('POST', input)),
  update: (id: number, input: unknown) => json<Endpoint>(`/api/endpoints/${id}`, send('PUT', input)),
  remove: (id: number) => request(`/api/endpoints/${id}`, { method: 'DELETE' }).then(() => undefined),
  duplicate: (id: number) => json<Endpoint>(`/api/endpoints/${id}/duplicate`, { method: 'POST' }),
  reset: (id: number) => request(`/api/endpoints/${id}/reset`, { method: 'POST' }).then(() => undefined),
  exportAll: () => json<{ endpoints: EndpointInput[] }>('/api/endpoints/export'),
  importMany: (payload: unknown) => json<Endpoint[]>('/api/endpoints/import', send('POST', payload)),
  presets: () => json<EndpointPreset[]>('/api/endpoint-presets'),
  addPreset: (presetId: string) => json<Endpoint>(`/api/endpoint-presets/${encodeURIComponent(presetId)}`, { method: 'POST' }),
};

export function fieldErrorsOf(err: unknown): FieldError[] {
  return err instanceof EndpointApiError ? err.fields : [];
}
