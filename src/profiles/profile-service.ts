import { profilePresets } from '../checks/presets.js';
import { CoreError } from '../errors.js';
import type { Profile, ProfileInput, SecretInfo } from '../model/profile.js';
import type { KeyMaterial } from '../signatures/types.js';
import type { Db } from '../store/open-database.js';
import { ProfilesRepository, type StoredProfile } from '../store/profiles-repository.js';
import { SecretsRepository, type StoredSecret } from '../store/secrets-repository.js';
import type { SecretCipher } from './secret-cipher.js';
import { keyMaterial, parseSecretInput, secretInfo } from './secrets.js';
import { stripStored, validateProfile } from './validate-profile.js';

export type ProfileChange = { profileId: number; kind: 'created' | 'updated' | 'deleted' | 'secret' };

/** A profile as the checks use it: its definition and, in clear, its key (core-internal only). */
export interface ResolvedProfile {
  id: number;
  name: string;
  input: ProfileInput;
  key: KeyMaterial | null;
}

/** Profile CRUD with validation; every change is announced so verdicts can be recomputed. */
export class ProfileService {
  private readonly profiles: ProfilesRepository;
  private readonly secrets: SecretsRepository;
  private readonly listeners = new Set<(change: ProfileChange) => void>();

  constructor(db: Db, cipher: SecretCipher) {
    this.profiles = new ProfilesRepository(db);
    this.secrets = new SecretsRepository(db, cipher);
  }

  list(): Profile[] {
    return this.profiles.list().map((p) => this.view(p));
  }

  get(id: number): Profile {
    return this.view(this.stored(id));
  }

  create(input: unknown): Profile {
    const created = this.profiles.create(valid(stripStored(input)));
    this.announce({ profileId: created.id, kind: 'created' });
    return this.view(created);
  }

  update(id: number, input: unknown): Profile {
    const updated = this.profiles.update(id, valid(stripStored(input)));
    if (!updated) throw new CoreError('NOT_FOUND', `profile ${id}`);
    this.announce({ profileId: id, kind: 'updated' });
    return this.view(updated);
  }

  delete(id: number): void {
    if (!this.profiles.delete(id)) throw new CoreError('NOT_FOUND', `profile ${id}`);
    this.announce({ profileId: id, kind: 'deleted' });
  }

  /** Stores the secret apart from the profile and answers with its masked form only. */
  setSecret(id: number, body: unknown): SecretInfo {
    this.stored(id);
    const input = parseSecretInput(body);
    if ('error' in input) throw new CoreError('INVALID_SECRET', input.error, [{ field: input.field, message: input.error }]);
    this.secrets.set(id, input);
    this.announce({ profileId: id, kind: 'secret' });
    return secretInfo(this.secrets.get(id)!);
  }

  clearSecret(id: number): void {
    this.stored(id);
    if (this.secrets.delete(id)) this.announce({ profileId: id, kind: 'secret' });
  }

  addPreset(presetId: string): Profile {
    const preset = profilePresets().find((p) => p.id === presetId);
    if (!preset) throw new CoreError('NOT_FOUND', `profile preset "${presetId}"`);
    return this.create(preset.profile);
  }

  /** For the verdict worker and the sender: the definition plus the key in clear. Never send this over the API. */
  resolve(id: number): ResolvedProfile | null {
    const profile = this.profiles.get(id);
    if (!profile) return null;
    return { id, name: profile.input.name, input: profile.input, key: keyMaterial(this.secrets.get(id)) };
  }

  /** Every stored secret in clear, for masking a report (never for the API). */
  allSecrets(): StoredSecret[] {
    return this.secrets.all();
  }

  onChange(listener: (change: ProfileChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private stored(id: number): StoredProfile {
    const profile = this.profiles.get(id);
    if (!profile) throw new CoreError('NOT_FOUND', `profile ${id}`);
    return profile;
  }

  private view(p: StoredProfile): Profile {
    const secret = this.secrets.get(p.id);
    return { ...p.input, id: p.id, secret: secret ? secretInfo(secret) : null, createdAt: p.createdAt, updatedAt: p.updatedAt };
  }

  private announce(change: ProfileChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A failing subscriber (e.g. a closed verdict worker) must not undo a saved change.
      }
    }
  }
}

function valid(input: unknown): ProfileInput {
  const check = validateProfile(input);
  if (!check.ok) throw new CoreError('INVALID_PROFILE', check.errors.map((e) => `${e.field}: ${e.message}`).join('; '), check.errors);
  return check.profile;
}

export function createProfileService(deps: { db: Db; cipher: SecretCipher }): ProfileService {
  return new ProfileService(deps.db, deps.cipher);
}
