import type { SecretWrite } from '../../src/shared/api/routes/profiles';
import { callApi } from './call';
import { fieldErrorsOf } from './json-request';

// Re-exported: the signature workbench imports it from here.
export { fieldErrorsOf };
export type { SecretWrite };

export const profilesApi = {
  list: () => callApi('listProfiles'),
  get: (id: number) => callApi('getProfile', { params: { id } }),
  /** The body is sent as is (the JSON tab may hold anything): the server validates. */
  create: (input: unknown) => callApi('createProfile', { body: input }),
  update: (id: number, input: unknown) => callApi('updateProfile', { params: { id }, body: input }),
  remove: (id: number) => callApi('deleteProfile', { params: { id } }),
  /** Answers the masked form only. */
  setSecret: (id: number, secret: SecretWrite) => callApi('setProfileSecret', { params: { id }, body: secret }),
  clearSecret: (id: number) => callApi('clearProfileSecret', { params: { id } }),
  presets: () => callApi('listProfilePresets'),
  addPreset: (presetId: string) => callApi('addProfilePreset', { params: { presetId } }),
};
