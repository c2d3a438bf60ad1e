import type { FastifyInstance } from 'fastify';
import type { Core } from '../index.js';
import { handle } from './typed-route.js';

/** Saved startup settings only. */
export type StartupRouteCore = Pick<Core, 'startup'>;

/** Settings that take effect at the next start (receiver port, bind address, body limit). */
export function registerStartupRoutes(api: FastifyInstance, core: StartupRouteCore): void {
  handle(api, 'getStartup', async () => core.startup.view());
  handle(api, 'putStartup', async (request) => core.startup.save(request.body));
}
