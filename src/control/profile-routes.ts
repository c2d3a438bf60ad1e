import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { profilePresets } from '../checks/presets.js';
import { CoreError } from '../errors.js';
import type { ProfileService } from '../profiles/profile-service.js';
import { sendError } from './error-reply.js';
import { handle } from './typed-route.js';

export interface ProfileRouteDeps {
  profiles: ProfileService;
}

/**
 * A body that is not JSON would come back with the parser's message, which quotes the body: on
 * routes that carry secrets, answer without echoing anything.
 */
export function secretSafeErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendError(error, reply, { hideParserMessages: true });
}

export function registerProfileRoutes(api: FastifyInstance, deps: ProfileRouteDeps): void {
  const { profiles } = deps;
  const id = (params: { id: string }): number => {
    const raw = params.id;
    if (!/^\d+$/.test(raw)) throw new CoreError('BAD_REQUEST', `"${raw}" is not a profile id`);
    return Number(raw);
  };

  handle(api, 'listProfiles', async () => profiles.list());
  handle(api, 'createProfile', async (request) => profiles.create(request.body));
  handle(api, 'getProfile', async (request) => profiles.get(id(request.params)));
  handle(api, 'updateProfile', async (request) => profiles.update(id(request.params), request.body));
  handle(api, 'deleteProfile', async (request) => profiles.delete(id(request.params)));
  handle(api, 'setProfileSecret', async (request) => profiles.setSecret(id(request.params), request.body), { errorHandler: secretSafeErrors });
  handle(api, 'clearProfileSecret', async (request) => profiles.clearSecret(id(request.params)));
  handle(api, 'listProfilePresets', async () => profilePresets());
  handle(api, 'addProfilePreset', async (request) => profiles.addPreset(request.params.presetId));
}
