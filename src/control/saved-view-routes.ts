import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import type { SavedViewService } from '../saved-views/saved-view-service.js';

const tags = ['saved views'];

/** The Inbox's saved views: `{ name, filter, columns? }`; 400 INVALID_SAVED_VIEW with `fields`. */
export function registerSavedViewRoutes(api: FastifyInstance, views: SavedViewService): void {
  const id = (params: unknown): number => {
    const raw = (params as { id?: string }).id ?? '';
    if (!/^\d+$/.test(raw)) throw new CoreError('BAD_REQUEST', `"${raw}" is not a saved view id`);
    return Number(raw);
  };
  api.get('/api/saved-views', { schema: { description: 'Saved Inbox views, by name', tags } }, async () => views.list());
  api.post('/api/saved-views', { schema: { description: 'Save `{ name, filter, columns? }`; the filter must parse', tags } }, async (request, reply) => reply.code(201).send(views.create(request.body)));
  api.put('/api/saved-views/:id', { schema: { description: 'Rename or change a view; fields not given stay', tags } }, async (request) => views.update(id(request.params), request.body));
  api.delete('/api/saved-views/:id', { schema: { tags } }, async (request, reply) => {
    views.delete(id(request.params));
    return reply.code(204).send();
  });
}
