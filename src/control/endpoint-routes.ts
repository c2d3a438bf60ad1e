import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import type { EndpointHits } from '../endpoints/endpoint-hits.js';
import type { EndpointService } from '../endpoints/endpoint-service.js';
import { endpointPresets } from '../endpoints/presets.js';
import { profileForPreset, type PresetProfiles } from '../endpoints/preset-profile.js';

const tags = ['endpoints'];

/** `profiles` links a preset's endpoint to its partner profile (made from the profile preset when missing). */
export function registerEndpointRoutes(api: FastifyInstance, endpoints: EndpointService, profiles?: PresetProfiles, hits?: EndpointHits): void {
  const id = (params: unknown): number => {
    const raw = (params as { id?: string }).id ?? '';
    if (!/^\d+$/.test(raw)) throw new CoreError('BAD_REQUEST', `"${raw}" is not an endpoint id`);
    return Number(raw);
  };

  api.get('/api/endpoints', { schema: { description: 'Mock endpoints in match order', tags } }, async () => endpoints.list());
  api.post('/api/endpoints', { schema: { description: 'Create an endpoint; 400 with `fields` naming each invalid field', tags } }, async (request, reply) =>
    reply.code(201).send(endpoints.create(request.body)),
  );
  api.get('/api/endpoints/export', { schema: { description: 'All endpoints as importable JSON', tags } }, async () => endpoints.exportAll());
  api.post('/api/endpoints/import', { schema: { description: 'Import endpoints: all valid or nothing saved', tags } }, async (request, reply) =>
    reply.code(201).send(endpoints.importMany(request.body)),
  );
  api.get('/api/endpoints/hits', { schema: { description: 'Captures per endpoint: stored in total, and since the app started or the counter was reset', tags } }, async () =>
    hits ? hits.list(endpoints.list().map((e) => e.id)) : [],
  );
  api.post('/api/endpoints/:id/hits/reset', { schema: { description: 'Restart one endpoint\'s hit counter (captures are kept)', tags } }, async (request, reply) => {
    const endpointId = id(request.params);
    endpoints.get(endpointId);
    hits?.reset(endpointId);
    return reply.code(204).send();
  });
  api.get('/api/endpoints/:id', { schema: { tags } }, async (request) => endpoints.get(id(request.params)));
  api.put('/api/endpoints/:id', { schema: { description: 'Replace an endpoint; applies to the next request', tags } }, async (request) =>
    endpoints.update(id(request.params), request.body),
  );
  api.delete('/api/endpoints/:id', { schema: { tags } }, async (request, reply) => {
    endpoints.delete(id(request.params));
    return reply.code(204).send();
  });
  api.post('/api/endpoints/:id/duplicate', { schema: { description: 'Copy an endpoint (the copy starts disabled)', tags } }, async (request, reply) =>
    reply.code(201).send(endpoints.duplicate(id(request.params))),
  );
  api.post('/api/endpoints/:id/reset', { schema: { description: 'Restart request counters, sequences and fail-first counts', tags } }, async (request, reply) => {
    const endpointId = id(request.params);
    endpoints.reset(endpointId);
    // "Reset counters" means all of them: the hit count restarts with the fail-first count.
    hits?.reset(endpointId);
    return reply.code(204).send();
  });
  api.get('/api/endpoint-presets', { schema: { description: 'Partner presets (data, with their sources)', tags } }, async () => endpointPresets());
  api.post('/api/endpoint-presets/:presetId', { schema: { description: "Add a preset as a new endpoint, linked to the partner's profile preset (added too when missing)", tags } }, async (request, reply) =>
    reply.code(201).send(endpoints.addPreset((request.params as { presetId: string }).presetId, profiles ? (id) => profileForPreset(profiles, id) : undefined)),
  );
}
