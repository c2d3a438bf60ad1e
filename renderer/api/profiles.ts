import type { Profile, ProfilePreset, SecretEncodingName, SecretInfo, SecretKind } from '../../src/model/profile';
import { fieldErrorsOf, FieldApiError, requestJson, requestVoid, send } from './json-request';

// Re-exported: the signature workbench and the verdicts API import them from here.
export { fieldErrorsOf, FieldApiError, requestJson, send };

/** What `PUT /api/profiles/:id/secret` takes. The value goes out once and never comes back. */
export interface SecretWrite {
  secret: string;
  encoding: SecretEncodingName;
  kind: SecretKind;
}

export const profilesApi = {
  list: () => requestJson<Profile[]>('/api/profiles'),
  get: (id: number) => requestJson<Profile>(`/api/profiles/${id}`),
  /** The body is sent as is (the JSON tab may hold anything): the server validates. */
  create: (input: unknown) => requestJson<Profile>('/api/profiles', send('POST', input)),
  update: (id: number, input: unknown) => requestJson<Profile>(`/api/profiles/${id}`, send('PUT', input)),
  remove: (id: number) => requestVoid(`/api/profiles/${id}`, { method: 'DELETE' }),
  /** Answers the masked form only. */
  setSecret: (id: number, secret: SecretWrite) => requestJson<SecretInfo>(`/api/profiles/${id}/secret`, send('PUT', secret)),
  clearSecret: (id: number) => requestVoid(`/api/profiles/${id}/secret`, { method: 'DELETE' }),
  presets: () => requestJson<ProfilePreset[]>('/api/profile-presets'),
  addPreset: (presetId: string) => requestJson<Profile>(`/api/profile-presets/${encodeURIComponent(presetId)}`, { method: 'POST' }),
};

