import Type from 'typebox';
import { ProfileInputSchema, type Profile, type ProfilePreset, type SecretEncodingName, type SecretInfo, type SecretKind } from '../../../model/profile.js';
import { checkedByService, defineRoutes, IdParams, NoContent, typed } from '../route.js';

const tags = ['profiles'];
const profile = typed<Profile>('A profile; its secret appears masked (`••••1a2b`), never in clear');
const definition = checkedByService(ProfileInputSchema, 'A profile definition; 400 INVALID_PROFILE with `fields` naming each invalid field');

/** What `PUT /api/profiles/:id/secret` takes. The value goes out once and never comes back. */
export interface SecretWrite {
  secret: string;
  encoding?: SecretEncodingName;
  kind?: SecretKind;
}

export const profileRoutes = defineRoutes({
  listProfiles: { method: 'GET', path: '/api/profiles', description: 'Partner profiles; secrets appear masked (`••••1a2b`), never in clear', tags, status: 200, response: typed<Profile[]>('Every profile', { type: 'array' }) },
  createProfile: { method: 'POST', path: '/api/profiles', description: 'Create a profile; 400 with `fields` naming each invalid field', tags, input: definition, status: 201, response: profile },
  getProfile: { method: 'GET', path: '/api/profiles/:id', tags, params: IdParams, status: 200, response: profile },
  updateProfile: { method: 'PUT', path: '/api/profiles/:id', description: 'Replace a profile; its verdicts are recomputed in the background', tags, params: IdParams, input: definition, status: 200, response: profile },
  deleteProfile: { method: 'DELETE', path: '/api/profiles/:id', description: 'Delete a profile and its secret', tags, params: IdParams, status: 204, response: NoContent },
  setProfileSecret: {
    method: 'PUT',
    path: '/api/profiles/:id/secret',
    description: 'Set the secret `{ secret, encoding?: utf8|hex|base64, kind?: shared|public-key|private-key }`; answers its masked form',
    tags,
    params: IdParams,
    input: typed<SecretWrite>('{secret, encoding?, kind?}; 400 INVALID_SECRET names the field, never echoing the value', {
      type: 'object',
      required: ['secret'],
      properties: { secret: { type: 'string' }, encoding: { enum: ['utf8', 'hex', 'base64'] }, kind: { enum: ['shared', 'public-key', 'private-key'] } },
    }),
    status: 200,
    response: typed<SecretInfo>('The masked secret'),
  },
  clearProfileSecret: { method: 'DELETE', path: '/api/profiles/:id/secret', tags, params: IdParams, status: 204, response: NoContent },
  listProfilePresets: { method: 'GET', path: '/api/profile-presets', description: 'Partner profile presets (data, with their sources)', tags, status: 200, response: typed<ProfilePreset[]>('Every preset', { type: 'array' }) },
  addProfilePreset: { method: 'POST', path: '/api/profile-presets/:presetId', description: 'Add a preset as a new profile', tags, params: Type.Object({ presetId: Type.String() }), status: 201, response: profile },
});
