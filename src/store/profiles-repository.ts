import type { ProfileInput } from '../model/profile.js';
import type { Db } from './open-database.js';

interface ProfileRow {
  id: number;
  definition: string;
  created_at: number;
  updated_at: number;
}

/** A stored profile without its secret (the secrets repository owns that). */
export interface StoredProfile {
  id: number;
  input: ProfileInput;
  createdAt: number;
  updatedAt: number;
}

export class ProfilesRepository {
  private readonly listStatement;
  private readonly getStatement;
  private readonly insertStatement;
  private readonly updateStatement;
  private readonly deleteStatement;

  constructor(db: Db) {
    this.listStatement = db.prepare(`SELECT * FROM profiles ORDER BY id`);
    this.getStatement = db.prepare(`SELECT * FROM profiles WHERE id = ?`);
    this.insertStatement = db.prepare(`INSERT INTO profiles (definition, created_at, updated_at) VALUES (?, ?, ?)`);
    this.updateStatement = db.prepare(`UPDATE profiles SET definition = ?, updated_at = ? WHERE id = ?`);
    this.deleteStatement = db.prepare(`DELETE FROM profiles WHERE id = ?`);
  }

  list(): StoredProfile[] {
    return (this.listStatement.all() as ProfileRow[]).map(fromRow);
  }

  get(id: number): StoredProfile | null {
    const row = this.getStatement.get(id) as ProfileRow | undefined;
    return row ? fromRow(row) : null;
  }

  create(input: ProfileInput): StoredProfile {
    const now = Date.now();
    const id = Number(this.insertStatement.run(JSON.stringify(input), now, now).lastInsertRowid);
    return this.get(id)!;
  }

  update(id: number, input: ProfileInput): StoredProfile | null {
    if (this.updateStatement.run(JSON.stringify(input), Date.now(), id).changes === 0) return null;
    return this.get(id);
  }

  /** Its secret goes with it (ON DELETE CASCADE). */
  delete(id: number): boolean {
    return this.deleteStatement.run(id).changes > 0;
  }
}

function fromRow(row: ProfileRow): StoredProfile {
  return { id: row.id, input: JSON.parse(row.definition) as ProfileInput, createdAt: row.created_at, updatedAt: row.updated_at };
}
