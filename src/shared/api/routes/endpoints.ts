import Type from 'typebox';
import { EndpointInputSchema, type Endpoint, type EndpointHitCount, type EndpointInput, type EndpointPreset } from '../../../model/endpoint.js';
import { checkedByService, defineRoutes, IdParams, NoContent, typed } from '../route.js';

const tags = ['endpoints'];
const endpoint = typed<Endpoint>('An endpoint with its id and match position');
const definition = checkedByService(EndpointInputSchema, 'An endpoint definition; 400 INVALID_ENDPOINT with `fields` naming each invalid field');

export const endpointRoutes = defineRoutes({
  listEndpoints: { method: 'GET', path: '/api/endpoints', description: 'Mock endpoints in match order', tags, status: 200, response: typed<Endpoint[]>('Endpoints in match order', { type: 'array' }) },
  createEndpoint: { method: 'POST', path: '/api/endpoints', description: 'Create an endpoint; 400 with `fields` naming each invalid field', tags, input: definition, status: 201, response: endpoint },
  exportEndpoints: { method: 'GET', path: '/api/endpoints/export', description: 'All endpoints as importable JSON', tags, status: 200, response: typed<{ endpoints: EndpointInput[] }>('{endpoints: [definition…]}') },
  importEndpoints: {
    method: 'POST',
    path: '/api/endpoints/import',
    description: 'Import endpoints: all valid or nothing saved',
    tags,
    input: checkedByService(Type.Object({ endpoints: Type.Array(EndpointInputSchema) }), '{endpoints: [definition…]} (or the list alone); refused whole with `fields`'),
    status: 201,
    response: typed<Endpoint[]>('The endpoints created', { type: 'array' }),
  },
  listEndpointHits: {
    method: 'GET',
    path: '/api/endpoints/hits',
    description: 'Captures per endpoint: stored in total, and since the app started or the counter was reset',
    tags,
    status: 200,
    response: typed<EndpointHitCount[]>('One count per endpoint', { type: 'array' }),
  },
  resetEndpointHits: { method: 'POST', path: '/api/endpoints/:id/hits/reset', description: "Restart one endpoint's hit counter (captures are kept)", tags, params: IdParams, status: 204, response: NoContent },
  getEndpoint: { method: 'GET', path: '/api/endpoints/:id', tags, params: IdParams, status: 200, response: endpoint },
  updateEndpoint: {
    method: 'PUT',
    path: '/api/endpoints/:id',
    description: 'Replace an endpoint; applies to the next request. `position` moves it in match order',
    tags,
    params: IdParams,
    input: definition,
    status: 200,
    response: endpoint,
  },
  deleteEndpoint: { method: 'DELETE', path: '/api/endpoints/:id', tags, params: IdParams, status: 204, response: NoContent },
  duplicateEndpoint: { method: 'POST', path: '/api/endpoints/:id/duplicate', description: 'Copy an endpoint (the copy starts disabled)', tags, params: IdParams, status: 201, response: endpoint },
  resetEndpoint: { method: 'POST', path: '/api/endpoints/:id/reset', description: 'Restart request counters, sequences and fail-first counts', tags, params: IdParams, status: 204, response: NoContent },
  listEndpointPresets: { method: 'GET', path: '/api/endpoint-presets', description: 'Partner presets (data, with their sources)', tags, status: 200, response: typed<EndpointPreset[]>('Every preset', { type: 'array' }) },
  addEndpointPreset: {
    method: 'POST',
    path: '/api/endpoint-presets/:presetId',
    description: "Add a preset as a new endpoint, linked to the partner's profile preset (added too when missing)",
    tags,
    params: Type.Object({ presetId: Type.String() }),
    status: 201,
    response: endpoint,
  },
});
