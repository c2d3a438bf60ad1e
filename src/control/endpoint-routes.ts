import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import type { EndpointHits } from '../endpoints/endpoint-hits.js';
import type { EndpointService } from '../endpoints/endpoint-service.js';
import { endpointPresets } from '../endpoints/presets.js';
import { profileForPreset, type PresetProfiles } from '../endpoints/preset-profile.js';
import { handle } from './typed-route.js';

/** `profiles` links a preset's endpoint to its partner profile (made from the profile preset when missing). */
export function registerEndpointRoutes(api: FastifyInstance, endpoints: EndpointService, profiles?: PresetProfiles, hits?: EndpointHits): void {
  const id = (params: { id: string }): number => {
    const raw = params.id;
    if (!/^\d+$/.test(raw)) throw new CoreError('BAD_REQUEST', `"${raw}" is not an endpoint id`);
    return Number(raw);
  };

  handle(api, 'listEndpoints', async () => endpoints.list());
  handle(api, 'createEndpoint', async (request) => endpoints.create(request.body));
  handle(api, 'exportEndpoints', async () => endpoints.exportAll());
  handle(api, 'importEndpoints', async (request) => endpoints.importMany(request.body));
  handle(api, 'listEndpointHits', async () => (hits ? hits.list(endpoints.list().map((e) => e.id)) : []));
  handle(api, 'resetEndpointHits', async (request) => {
    const endpointId = id(request.params);
    endpoints.get(endpointId);
    hits?.reset(endpointId);
  });
  handle(api, 'getEndpoint', async (request) => endpoints.get(id(request.params)));
  handle(api, 'updateEndpoint', async (request) => endpoints.update(id(request.params), request.body));
  handle(api, 'deleteEndpoint', async (request) => endpoints.delete(id(request.params)));
  handle(api, 'duplicateEndpoint', async (request) => endpoints.duplicate(id(request.params)));
  handle(api, 'resetEndpoint', async (request) => {
    const endpointId = id(request.params);
    endpoints.reset(endpointId);
    // "Reset counters" means all of them: the hit count restarts with the fail-first count.
    hits?.reset(endpointId);
  });
  handle(api, 'listEndpointPresets', async () => endpointPresets());
  handle(api, 'addEndpointPreset', async (request) =>
    endpoints.addPreset(request.params.presetId, profiles ? (presetId) => profileForPreset(profiles, presetId) : undefined),
  );
}
