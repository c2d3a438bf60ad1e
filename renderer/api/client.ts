import type { ExchangeDetail, ExchangePage } from '../../src/model/exchange';
import { callApi } from './call';
import { bytes, json, requestVoid } from './http';

export { ApiError, authHeaders, configureClient, errorMessage } from './http';

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

/** A list query's filters, without paging: what the HAR export takes too. */
export type ListFilter = Omit<ListQuery, 'limit' | 'before'>;

function appendFilter(sp: URLSearchParams, query: ListFilter): URLSearchParams {
  if (query.q) sp.set('q', query.q);
  if (query.method) sp.set('method', query.method);
  if (query.path) sp.set('path', query.path);
  if (query.status) sp.set('status', query.status);
  if (query.filter) sp.set('filter', query.filter);
  for (const p of query.params ?? []) sp.append(`param.${p.name}`, p.value);
  return sp;
}

export function listQueryString(query: ListQuery): string {
  const sp = new URLSearchParams();
  sp.set('limit', String(query.limit ?? 100));
  if (query.before) sp.set('before', query.before);
  return appendFilter(sp, query).toString();
}

/** `listQueryString` without limit/before. */
export function filterQueryString(query: ListFilter): string {
  return appendFilter(new URLSearchParams(), query).toString();
}

const del = (path: string) => requestVoid(path, { method: 'DELETE' });

export const api = {
  status: (signal?: AbortSignal) => callApi('getStatus', { signal }),
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
  pause: () => callApi('pauseReceiver'),
  resume: () => callApi('resumeReceiver'),
};

