import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import type { EnvironmentService } from '../environments/environment-service.js';
import { secretSafeErrors } from './profile-routes.js';
import { handle } from './typed-route.js';

/**
 * Composer environments: CRUD (400 INVALID_ENVIRONMENT with `fields` naming each problem) and the
 * remembered active one. Secret values are write-only: answers carry `masked`, never the value.
 */
export function registerEnvironmentRoutes(api: FastifyInstance, environments: EnvironmentService): void {
  const id = (params: { id: string }): number => {
    if (!/^\d+$/.test(params.id)) throw new CoreError('BAD_REQUEST', `"${params.id}" is not an environment id`);
    return Number(params.id);
  };
  // Bodies may carry secret values: a parser error must not quote them back.
  const writes = { errorHandler: secretSafeErrors };

  handle(api, 'listEnvironments', async () => environments.list());
  handle(api, 'createEnvironment', async (request) => environments.create(request.body), writes);
  // Registered before `/:id` for readers; Fastify prefers the static segment either way.
  handle(api, 'getActiveEnvironment', async () => ({ environmentId: environments.activeId() }));
  handle(api, 'setActiveEnvironment', async (request) => ({ environmentId: environments.setActive(request.body) }));
  handle(api, 'getEnvironment', async (request) => environments.get(id(request.params)));
  handle(api, 'updateEnvironment', async (request) => environments.update(id(request.params), request.body), writes);
  handle(api, 'deleteEnvironment', async (request) => {
    environments.delete(id(request.params));
  });
}
