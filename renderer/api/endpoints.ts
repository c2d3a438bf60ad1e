import type { EndpointInput } from '../../src/model/endpoint';
import { callApi } from './call';
import { fieldErrorsOf } from './json-request';

export { fieldErrorsOf };

/** What a PUT may carry besides the definition: `position` moves the endpoint in match order. */
export type EndpointUpdate = EndpointInput & { position?: number };

export const endpointsApi = {
  list: () => callApi('listEndpoints'),
  get: (id: number) => callApi('getEndpoint', { params: { id } }),
  /** The body is sent as is (the JSON tab may hold anything): the server validates. */
  create: (input: unknown) => callApi('createEndpoint', { body: input }),
  update: (id: number, input: unknown) => callApi('updateEndpoint', { params: { id }, body: input }),
  remove: (id: number) => callApi('deleteEndpoint', { params: { id } }),
  duplicate: (id: number) => callApi('duplicateEndpoint', { params: { id } }),
  /** Captures per endpoint: stored total, and since start or the last counter reset. */
  hits: () => callApi('listEndpointHits'),
  reset: (id: number) => callApi('resetEndpoint', { params: { id } }),
  exportAll: () => callApi('exportEndpoints'),
  importMany: (payload: unknown) => callApi('importEndpoints', { body: payload }),
  presets: () => callApi('listEndpointPresets'),
  addPreset: (presetId: string) => callApi('addEndpointPreset', { params: { presetId } }),
};
