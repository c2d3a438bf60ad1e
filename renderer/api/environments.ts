import type { EnvironmentInput, SavedViewInput } from '../../src/model/environment';
import { callApi } from './call';

/** Composer environments. Refusals are FieldApiErrors naming `name`, `variables[2].name`…; secrets come back masked only. */
export const environmentsApi = {
  list: () => callApi('listEnvironments'),
  create: (input: EnvironmentInput) => callApi('createEnvironment', { body: input }),
  update: (id: number, input: EnvironmentInput) => callApi('updateEnvironment', { params: { id }, body: input }),
  remove: (id: number) => callApi('deleteEnvironment', { params: { id } }),
  active: () => callApi('getActiveEnvironment'),
  setActive: (environmentId: number | null) => callApi('setActiveEnvironment', { body: { environmentId } }),
};

/** The Inbox's saved views. Refusals name `name` or `filter`. */
export const savedViewsApi = {
  list: () => callApi('listSavedViews'),
  create: (input: SavedViewInput) => callApi('createSavedView', { body: input }),
  update: (id: number, patch: Partial<SavedViewInput>) => callApi('updateSavedView', { params: { id }, body: patch }),
  remove: (id: number) => callApi('deleteSavedView', { params: { id } }),
};
