import type { ActiveEnvironment, Environment, EnvironmentInput, SavedView, SavedViewInput } from '../../src/model/environment';
import { requestJson, requestVoid, send } from './json-request';

/** Composer environments. Refusals are FieldApiErrors naming `name`, `variables[2].name`…; secrets come back masked only. */
export const environmentsApi = {
  list: () => requestJson<Environment[]>('/api/environments'),
  create: (input: EnvironmentInput) => requestJson<Environment>('/api/environments', send('POST', input)),
  update: (id: number, input: EnvironmentInput) => requestJson<Environment>(`/api/environments/${id}`, send('PUT', input)),
  remove: (id: number) => requestVoid(`/api/environments/${id}`, { method: 'DELETE' }),
  active: () => requestJson<ActiveEnvironment>('/api/environments/active'),
  setActive: (environmentId: number | null) => requestJson<ActiveEnvironment>('/api/environments/active', send('PUT', { environmentId })),
};

/** The Inbox's saved views. Refusals name `name` or `filter`. */
export const savedViewsApi = {
  list: () => requestJson<SavedView[]>('/api/saved-views'),
  create: (input: SavedViewInput) => requestJson<SavedView>('/api/saved-views', send('POST', input)),
  update: (id: number, patch: Partial<SavedViewInput>) => requestJson<SavedView>(`/api/saved-views/${id}`, send('PUT', patch)),
  remove: (id: number) => requestVoid(`/api/saved-views/${id}`, { method: 'DELETE' }),
};
