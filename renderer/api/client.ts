import type { CoreStatus, ExchangeDetail, ExchangePage } from '../../src/model/exchange';
import { apiBase } from './token';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let token: string | null = null;
let onUnauthorized: () => void = () => {};

export function configureClient(options: { token: string; onUnauthorized: () => void }): void {
  token = options.token;
  onUnauthorized = options.onUnauthorized;
}

export function authHeaders(): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${apiBase()}${path}`, { ...init, headers: { ...authHeaders(), ...init.headers } });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError('The inspector is not reachable. Is `postback-inspector serve` still running?', 0);
  }
  if (res.ok) return res;
  if (res.status === 401) onUnauthorized();
  throw await toError(res);
}

/** The core answers `{ error: { code, message } }` (see src/errors.ts). */
async function toError(res: Response): Promise<ApiError> {
  let message = `${res.status} ${res.statusText}`.trim();
  let code: string | null = null;
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } | string; message?: unknown };
    const err = typeof body.error === 'object' ? body.error : null;
    if (typeof err?.message === 'string') message = err.message;
    else if (typeof body.error === 'string') message = body.error;
    else if (typeof body.message === 'string') message = body.message;
    if (typeof err?.code === 'string') code = err.code;
  } catch {
    // Not JSON: the status line is all we have.
  }
  return new ApiError(message, res.status, code);
}

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  return (await (await request(path, init)).json()) as T;
}

async function bytes(path: string, signal?: AbortSignal): Promise<Uint8Array> {
  const res = await request(path, signal ? { signal } : {});
  return new Uint8Array(await res.arrayBuffer());
}

export interface ListQuery {
  limit?: number;
  before?: string | null;
  q?: string;
  method?: string;
  path?: string;
  status?: string;
  params?: ReadonlyArray<{ name: string; value: string }>;
  /** Filter language (src/shared/filter-language.ts), evaluated by the server. */
  filter?: string;
}

export function listQueryString(query: ListQuery): string {
  const sp = new URLSearchParams();
  sp.set('limit', String(query.limit ?? 100));
  if (query.before) sp.set('before', query.before);
  if (query.q) sp.set('q', query.q);
  if (query.method) sp.set('method', query.method);
  if (query.path) sp.set('path', query.path);
  if (query.status) sp.set('status', query.status);
  if (query.filter) sp.set('filter', query.filter);
  for (const p of query.params ?? []) sp.append(`param.${p.name}`, p.value);
  return sp.toString();
}

const del = (path: string) => request(path, { method: 'DELETE' }).then(() => undefined);

export const api = {
  status: (signal?: AbortSignal) => json<CoreStatus>('/api/status', signal ? { signal } : {}),
  list: (query: ListQuery, signal?: AbortSignal) =>
    json<ExchangePage>(`/api/exchanges?${listQueryString(query)}`, signal ? { signal } : {}),
  paramNames: () => json<{ names: string[] }>('/api/params'),
  detail: (id: number, signal?: AbortSignal) => json<ExchangeDetail>(`/api/exchanges/${id}`, signal ? { signal } : {}),
  decodedBody: (id: number, signal?: AbortSignal) => bytes(`/api/exchanges/${id}/body?decoded=1`, signal),
  raw: (id: number, signal?: AbortSignal) => bytes(`/api/exchanges/${id}/raw`, signal),
  remove: (id: number) => del(`/api/exchanges/${id}`),
  /** `through`: only ids up to it, so what arrived after the user cleared is kept. */
  clear: (through?: number) => del(through === undefined ? '/api/exchanges' : `/api/exchanges?through=${through}`),
  /** Both answer with the new status. */
  pause: () => json<CoreStatus>('/api/receiver/pause', { method: 'POST' }),
  resume: () => json<CoreStatus>('/api/receiver/resume', { method: 'POST' }),
};

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
