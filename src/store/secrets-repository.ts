import type { SecretEncodingName, SecretKind } from '../model/profile.js';
import { isEncrypted, type SecretCipher } from '../profiles/secret-cipher.js';
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
 * screenshot whole; this is the only place that reads them back in clear. `value` is stored
 * encrypted (secret-cipher.ts): the database file alone never yields a secret.
 */
export class SecretsRepository {
  private readonly getStatement;
  private readonly allStatement;
  private readonly upsertStatement;
  private readonly deleteStatement;

  constructor(
    private readonly db: Db,
    private readonly cipher: SecretCipher,
  ) {
    this.getStatement = db.prepare(`SELECT profile_id, kind, encoding, value, updated_at FROM secrets WHERE profile_id = ?`);
    this.allStatement = db.prepare(`SELECT profile_id, kind, encoding, value, updated_at FROM secrets ORDER BY profile_id`);
    this.upsertStatement = db.prepare(`INSERT INTO secrets (profile_id, kind, encoding, value, created_at, updated_at) VALUES (@profileId, @kind, @encoding, @value, @now, @now)
      ON CONFLICT (profile_id) DO UPDATE SET kind = excluded.kind, encoding = excluded.encoding, value = excluded.value, updated_at = excluded.updated_at`);
    this.deleteStatement = db.prepare(`DELETE FROM secrets WHERE profile_id = ?`);
  }

  get(profileId: number): StoredSecret | null {
    const row = this.getStatement.get(profileId) as SecretRow | undefined;
    return row ? this.clear(row) : null;
  }

  /** Every secret in clear (the report masks them all). */
  all(): StoredSecret[] {
    return (this.allStatement.all() as SecretRow[]).map((row) => this.clear(row));
  }

  set(profileId: number, secret: { kind: SecretKind; encoding: SecretEncodingName; value: string }): void {
    this.upsertStatement.run({ profileId, kind: secret.kind, encoding: secret.encoding, value: this.cipher.encrypt(profileId, secret.value), now: Date.now() });
  }

  delete(profileId: number): boolean {
    return this.deleteStatement.run(profileId).changes > 0;
  }

  /**
   * Seals every secret stored in clear by a version before encryption at rest, all or none (one
   * transaction). Run once at start, before anything reads; returns how many were sealed. The
   * clear text may linger in free pages until SQLite reuses them: secure_delete overwrites them.
   */
  encryptClearRows(): number {
    const rows = (this.db.prepare(`SELECT profile_id, value FROM secrets`).all() as Array<{ profile_id: number; value: string }>).filter((r) => !isEncrypted(r.value));
    if (rows.length === 0) return 0;
    const update = this.db.prepare(`UPDATE secrets SET value = ? WHERE profile_id = ?`);
    const previous = this.db.pragma('secure_delete', { simple: true }) as number;
    this.db.pragma('secure_delete = ON');
    try {
      this.db.transaction(() => {
        for (const row of rows) update.run(this.cipher.encrypt(row.profile_id, row.value), row.profile_id);
      })();
    } finally {
      this.db.pragma(`secure_delete = ${previous ? 'ON' : 'OFF'}`);
    }
    // The clear rows may still sit in WAL frames of an earlier run: fold them into the file now.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return rows.length;
  }

  private clear(row: SecretRow): StoredSecret {
    return { profileId: row.profile_id, kind: row.kind, encoding: row.encoding, value: this.cipher.decrypt(row.profile_id, row.value), updatedAt: row.updated_at };
  }
}
