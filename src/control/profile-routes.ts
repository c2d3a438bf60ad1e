import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { profilePresets } from '../checks/presets.js';
import { CoreError } from '../errors.js';
import type { ProfileService } from '../profiles/profile-service.js';
import { sendError } from './error-reply.js';

const tags = ['profiles'];

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
  const id = (params: unknown): number => {
    const raw = (params as { id?: string }).id ?? '';
    if (!/^\d+$/.test(raw)) throw new CoreError('BAD_REQUEST', `"${raw}" is not a profile id`);
    return Number(raw);
  };

  api.get('/api/profiles', { schema: { description: 'Partner profiles; secrets appear masked (`••••1a2b`), never in clear', tags } }, async () => profiles.list());
  api.post('/api/profiles', { schema: { description: 'Create a profile; 400 with `fields` naming each invalid field', tags } }, async (request, reply) =>
    reply.code(201).send(profiles.create(request.body)),
  );
  api.get('/api/profiles/:id', { schema: { tags } }, async (request) => profiles.get(id(request.params)));
  api.put('/api/profiles/:id', { schema: { description: 'Replace a profile; its verdicts are recomputed in the background', tags } }, async (request) =>
    profiles.update(id(request.params), request.body),
  );
  api.delete('/api/profiles/:id', { schema: { description: 'Delete a profile and its secret', tags } }, async (request, reply) => {
    profiles.delete(id(request.params));
    return reply.code(204).send();
  });
  api.put(
    '/api/profiles/:id/secret',
    {
      schema: { description: 'Set the secret `{ secret, encoding?: utf8|hex|base64, kind?: shared|public-key|private-key }`; answers its masked form', tags },
      errorHandler: secretSafeErrors,
    },
    async (request) => profiles.setSecret(id(request.params), request.body),
  );
  api.delete('/api/profiles/:id/secret', { schema: { tags } }, async (request, reply) => {
    profiles.clearSecret(id(request.params));
    return reply.code(204).send();
  });
  api.get('/api/profile-presets', { schema: { description: 'Partner profile presets (data, with their sources)', tags } }, async () => profilePresets());
  api.post('/api/profile-presets/:presetId', { schema: { description: 'Add a preset as a new profile', tags } }, async (request, reply) =>
    reply.code(201).send(profiles.addPreset((request.params as { presetId: string }).presetId)),
  );
}
