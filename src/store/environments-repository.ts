import type { SecretCipher } from '../profiles/secret-cipher.js';
import type { Db } from './open-database.js';

/** A variable in clear: only for the core (substitution, masking), never for the API. */
export interface StoredVariable {
  name: string;
  value: string;
  secret: boolean;
}

export interface StoredEnvironment {
  id: number;
  name: string;
  variables: StoredVariable[];
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: number;
  name: string;
  variables: string;
  created_at: number;
  updated_at: number;
}

const columns = 'id, name, variables, created_at, updated_at';

/**
 * Environments with their variables as one JSON list. Secret values are sealed with the data
 * folder's secrets key; the environment id and variable name are the sealed value's context, so
 * a value copied onto another variable or environment does not open.
 */
export class EnvironmentsRepository {
  private readonly listStatement;
  private readonly getStatement;
  private readonly insertStatement;
  private readonly updateStatement;
  private readonly deleteStatement;
  private readonly nameStatement;

  constructor(
    private readonly db: Db,
    private readonly cipher: SecretCipher,
  ) {
    this.listStatement = db.prepare(`SELECT ${columns} FROM environments ORDER BY name COLLATE NOCASE, id`);
    this.getStatement = db.prepare(`SELECT ${columns} FROM environments WHERE id = ?`);
    this.insertStatement = db.prepare(`INSERT INTO environments (name, variables, created_at, updated_at) VALUES (?, '[]', ?, ?)`);
    this.updateStatement = db.prepare(`UPDATE environments SET name = ?, variables = ?, updated_at = ? WHERE id = ?`);
    this.deleteStatement = db.prepare(`DELETE FROM environments WHERE id = ?`);
    this.nameStatement = db.prepare(`SELECT id FROM environments WHERE name = ? COLLATE NOCASE`).pluck();
  }

  list(): StoredEnvironment[] {
    return (this.listStatement.all() as Row[]).map((row) => this.clear(row));
  }

  get(id: number): StoredEnvironment | null {
    const row = this.getStatement.get(id) as Row | undefined;
    return row ? this.clear(row) : null;
  }

  /** The id of the environment with this name (any case), if any. */
  idByName(name: string): number | null {
    return (this.nameStatement.get(name) as number | undefined) ?? null;
  }

  create(name: string, variables: StoredVariable[]): StoredEnvironment {
    const now = Date.now();
    // The id seals the secrets, so the row exists before its variables are written.
    const id = this.db.transaction(() => {
      const created = Number(this.insertStatement.run(name, now, now).lastInsertRowid);
      this.updateStatement.run(name, this.sealed(created, variables), now, created);
      return created;
    })();
    return this.get(id)!;
  }

  update(id: number, name: string, variables: StoredVariable[]): StoredEnvironment | null {
    const changed = this.updateStatement.run(name, this.sealed(id, variables), Date.now(), id).changes > 0;
    return changed ? this.get(id) : null;
  }

  delete(id: number): boolean {
    return this.deleteStatement.run(id).changes > 0;
  }

  private sealed(id: number, variables: StoredVariable[]): string {
    return JSON.stringify(variables.map((v) => ({ name: v.name, value: v.secret ? this.cipher.seal(context(id, v.name), v.value) : v.value, secret: v.secret })));
  }

  private clear(row: Row): StoredEnvironment {
    const variables = (JSON.parse(row.variables) as StoredVariable[]).map((v) => ({
      name: v.name,
      value: v.secret ? this.cipher.open(context(row.id, v.name), v.value, `the secret variable "${v.name}" of environment "${row.name}"`) : v.value,
      secret: v.secret,
    }));
    return { id: row.id, name: row.name, variables, createdAt: row.created_at, updatedAt: row.updated_at };
  }
}

function context(environmentId: number, name: string): string {
  return `environment:${environmentId}:${name}`;
}
