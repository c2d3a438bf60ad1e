import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import type { SavedViewService } from '../saved-views/saved-view-service.js';
import { handle } from './typed-route.js';

/** The Inbox's saved views: `{ name, filter, columns? }`; 400 INVALID_SAVED_VIEW with `fields`. */
export function registerSavedViewRoutes(api: FastifyInstance, views: SavedViewService): void {
  const id = (params: { id: string }): number => {
    if (!/^\d+$/.test(params.id)) throw new CoreError('BAD_REQUEST', `"${params.id}" is not a saved view id`);
    return Number(params.id);
  };
  handle(api, 'listSavedViews', async () => views.list());
  handle(api, 'createSavedView', async (request) => views.create(request.body));
  handle(api, 'updateSavedView', async (request) => views.update(id(request.params), request.body));
  handle(api, 'deleteSavedView', async (request) => {
    views.delete(id(request.params));
  });
}
