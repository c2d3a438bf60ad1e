import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import type { EnvironmentService } from '../environments/environment-service.js';
import { secretSafeErrors } from './profile-routes.js';

const tags = ['environments'];

/**
 * Composer environments: CRUD (400 INVALID_ENVIRONMENT with `fields` naming each problem) and the
 * remembered active one. Secret values are write-only: answers carry `masked`, never the value.
 */
export function registerEnvironmentRoutes(api: FastifyInstance, environments: EnvironmentService): void {
  const id = (params: unknown): number => {
    const raw = (params as { id?: string }).id ?? '';
    if (!/^\d+$/.test(raw)) throw new CoreError('BAD_REQUEST', `"${raw}" is not an environment id`);
    return Number(raw);
  };
  // Bodies may carry secret values: a parser error must not quote them back.
  const writes = { errorHandler: secretSafeErrors };

  api.get('/api/environments', { schema: { description: 'Environments with their variables; secret values appear masked (`••••1a2b`), never in clear', tags } }, async () => environments.list());
  api.post(
    '/api/environments',
    { schema: { description: 'Create `{ name, variables: [{ name, value, secret? }] }`; 400 with `fields` naming each invalid field', tags }, ...writes },
    async (request, reply) => reply.code(201).send(environments.create(request.body)),
  );
  // Before `/:id`, so "active" is not read as an id.
  api.get('/api/environments/active', { schema: { description: 'The environment the Composer sends with: `{ environmentId }` (null: none)', tags } }, async () => ({ environmentId: environments.activeId() }));
  api.put('/api/environments/active', { schema: { description: 'Remember the Composer\'s environment: `{ environmentId }` (null: none)', tags } }, async (request) => ({
    environmentId: environments.setActive(request.body),
  }));
  api.get('/api/environments/:id', { schema: { tags } }, async (request) => environments.get(id(request.params)));
  api.put(
    '/api/environments/:id',
    { schema: { description: 'Replace an environment; a secret variable sent without `value` keeps its stored value', tags }, ...writes },
    async (request) => environments.update(id(request.params), request.body),
  );
  api.delete('/api/environments/:id', { schema: { tags } }, async (request, reply) => {
    environments.delete(id(request.params));
    return reply.code(204).send();
  });
}
