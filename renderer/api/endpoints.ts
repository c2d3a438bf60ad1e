import type { EndpointHitCount } from '../../src/model/endpoint';
import type { Endpoint, EndpointInput, EndpointPreset } from '../../src/model/endpoint';
import { fieldErrorsOf, requestJson as json, requestVoid, send } from './json-request';

export { fieldErrorsOf };

/** What a PUT may carry besides the definition: `position` moves the endpoint in match order. */
export type EndpointUpdate = EndpointInput & { position?: number };

export const endpointsApi = {
  list: () => json<Endpoint[]>('/api/endpoints'),
  get: (id: number) => json<Endpoint>(`/api/endpoints/${id}`),
  /** The body is sent as is (the JSON tab may hold anything): the server validates. */
  create: (input: unknown) => json<Endpoint>('/api/endpoints', send('POST', input)),
  update: (id: number, input: unknown) => json<Endpoint>(`/api/endpoints/${id}`, send('PUT', input)),
  remove: (id: number) => requestVoid(`/api/endpoints/${id}`, { method: 'DELETE' }),
  duplicate: (id: number) => json<Endpoint>(`/api/endpoints/${id}/duplicate`, { method: 'POST' }),
  /** Captures per endpoint: stored total, and since start or the last counter reset. */
  hits: () => json<EndpointHitCount[]>('/api/endpoints/hits'),
  reset: (id: number) => requestVoid(`/api/endpoints/${id}/reset`, { method: 'POST' }),
  exportAll: () => json<{ endpoints: EndpointInput[] }>('/api/endpoints/export'),
  importMany: (payload: unknown) => json<Endpoint[]>('/api/endpoints/import', send('POST', payload)),
  presets: () => json<EndpointPreset[]>('/api/endpoint-presets'),
  addPreset: (presetId: string) => json<Endpoint>(`/api/endpoint-presets/${encodeURIComponent(presetId)}`, { method: 'POST' }),
};

