import type { SecretEncodingName, SecretKind } from '../model/profile.js';
import type { Db } from './open-database.js';

interface SecretRow {
  profile_id: number;
  kind: SecretKind;
  encoding: SecretEncodingName;
  value: string;
  updated_at: number;
}

/** A secret in clear: only for signing and verifying inside the core, never for the API or logs. */
export interface StoredSecret {
  profileId: number;
  kind: SecretKind;
  encoding: SecretEncodingName;
  value: string;
  updatedAt: number;
}

/**
 * Secrets live apart from profiles so that a profile can be listed, exported or shown in a
 * screenshot whole; this is the only place that reads them back in clear.
 */
export class SecretsRepository {
  private readonly getStatement;
  private readonly upsertStatement;
  private readonly deleteStatement;

  constructor(db: Db) {
    this.getStatement = db.prepare(`SELECT profile_id, kind, encoding, value, updated_at FROM secrets WHERE profile_id = ?`);
    this.upsertStatement = db.prepare(`INSERT INTO secrets (profile_id, kind, encoding, value, created_at, updated_at) VALUES (@profileId, @kind, @encoding, @value, @now, @now)
      ON CONFLICT (profile_id) DO UPDATE SET kind = excluded.kind, encoding = excluded.encoding, value = excluded.value, updated_at = excluded.updated_at`);
    this.deleteStatement = db.prepare(`DELETE FROM secrets WHERE profile_id = ?`);
  }

  get(profileId: number): StoredSecret | null {
    const row = this.getStatement.get(profileId) as SecretRow | undefined;
    return row ? { profileId: row.profile_id, kind: row.kind, encoding: row.encoding, value: row.value, updatedAt: row.updated_at } : null;
  }

  set(profileId: number, secret: { kind: SecretKind; encoding: SecretEncodingName; value: string }): void {
    this.upsertStatement.run({ profileId, ...secret, now: Date.now() });
  }

  delete(profileId: number): boolean {
    return this.deleteStatement.run(profileId).changes > 0;
  }
}
