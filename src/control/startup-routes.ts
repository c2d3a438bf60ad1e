import type { FastifyInstance } from 'fastify';
import type { Core } from '../index.js';

/** Settings that take effect at the next start (receiver port, bind address, body limit). */
export function registerStartupRoutes(api: FastifyInstance, core: Core): void {
  const tags = ['settings'];
  api.get('/api/settings/startup', { schema: { description: 'Saved startup settings (receiver port, bind address, body limit) next to what this launch runs with and where each came from (flag, saved, default)', tags } }, async () =>
    core.startup.view(),
  );
  api.put('/api/settings/startup', { schema: { description: 'Save {receiverPort, bind, maxBodyBytes} for the next start; null or absent = the built-in default; a flag given at start still wins. 400 with error.fields on bad values', tags } }, async (request) =>
    core.startup.save(request.body),
  );
}
