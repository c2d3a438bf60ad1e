import type { ActiveEnvironment, Environment, EnvironmentInput, SavedView, SavedViewInput } from '../../../model/environment.js';
import { defineRoutes, IdParams, NoContent, typed } from '../route.js';

const tags = ['environments'];
const environment = typed<Environment>('An environment; secret values appear masked (`••••1a2b`), never in clear');
const environmentInput = typed<EnvironmentInput>('`{ name, variables: [{ name, value, secret? }] }`; 400 INVALID_ENVIRONMENT with `fields` naming each invalid field');
const active = typed<ActiveEnvironment>('`{ environmentId }` (null: none)');

/** Composer environments (`{{name}}` values) and the one the Composer sends with. */
export const environmentRoutes = defineRoutes({
  listEnvironments: { method: 'GET', path: '/api/environments', description: 'Environments with their variables; secret values appear masked (`••••1a2b`), never in clear', tags, status: 200, response: typed<Environment[]>('Every environment', { type: 'array' }) },
  createEnvironment: { method: 'POST', path: '/api/environments', description: 'Create an environment; 400 with `fields` naming each invalid field', tags, input: environmentInput, status: 201, response: environment },
  getActiveEnvironment: { method: 'GET', path: '/api/environments/active', description: 'The environment the Composer sends with', tags, status: 200, response: active },
  setActiveEnvironment: { method: 'PUT', path: '/api/environments/active', description: "Remember the Composer's environment", tags, input: active, status: 200, response: active },
  getEnvironment: { method: 'GET', path: '/api/environments/:id', tags, params: IdParams, status: 200, response: environment },
  updateEnvironment: { method: 'PUT', path: '/api/environments/:id', description: 'Replace an environment; a secret variable sent without `value` keeps its stored value', tags, params: IdParams, input: environmentInput, status: 200, response: environment },
  deleteEnvironment: { method: 'DELETE', path: '/api/environments/:id', tags, params: IdParams, status: 204, response: NoContent },
});

const viewTags = ['saved views'];
const savedView = typed<SavedView>('A saved Inbox view');

/** The Inbox's saved views: `{ name, filter, columns? }`; 400 INVALID_SAVED_VIEW with `fields`. */
export const savedViewRoutes = defineRoutes({
  listSavedViews: { method: 'GET', path: '/api/saved-views', description: 'Saved Inbox views, by name', tags: viewTags, status: 200, response: typed<SavedView[]>('Every saved view', { type: 'array' }) },
  createSavedView: { method: 'POST', path: '/api/saved-views', description: 'Save `{ name, filter, columns? }`; the filter must parse', tags: viewTags, input: typed<SavedViewInput>('`{ name, filter, columns? }`'), status: 201, response: savedView },
  updateSavedView: { method: 'PUT', path: '/api/saved-views/:id', description: 'Rename or change a view; fields not given stay', tags: viewTags, params: IdParams, input: typed<Partial<SavedViewInput>>('Any of `{ name, filter, columns }`'), status: 200, response: savedView },
  deleteSavedView: { method: 'DELETE', path: '/api/saved-views/:id', tags: viewTags, params: IdParams, status: 204, response: NoContent },
});
