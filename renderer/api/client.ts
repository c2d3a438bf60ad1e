import { callApi, callApiRaw } from './call';

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

function listParams(query: ListQuery): URLSearchParams {
  const sp = new URLSearchParams();
  sp.set('limit', String(query.limit ?? 100));
  if (query.before) sp.set('before', query.before);
  return appendFilter(sp, query);
}

/** A list query's filters without paging: what the HAR export takes. */
export function filterParams(query: ListFilter): URLSearchParams {
  return appendFilter(new URLSearchParams(), query);
}

export const api = {
  status: (signal?: AbortSignal) => callApi('getStatus', { signal }),
  list: (query: ListQuery, signal?: AbortSignal) => callApi('listExchanges', { query: listParams(query), signal }),
  paramNames: () => callApi('listParamNames'),
  detail: (id: number, signal?: AbortSignal) => callApi('getExchange', { params: { id }, signal }),
  decodedBody: async (id: number, signal?: AbortSignal) => bytesOf(await callApiRaw('getExchangeBody', { params: { id }, query: { decoded: '1' }, signal })),
  raw: async (id: number, signal?: AbortSignal) => bytesOf(await callApiRaw('getExchangeRaw', { params: { id }, signal })),
  remove: (id: number) => callApi('deleteExchange', { params: { id } }),
  /** `through`: only ids up to it, so what arrived after the user cleared is kept. */
  clear: (through?: number) => callApi('clearExchanges', { query: { through } }),
  /** Both answer with the new status. */
  pause: () => callApi('pauseReceiver'),
  resume: () => callApi('resumeReceiver'),
};

async function bytesOf(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer());
}
