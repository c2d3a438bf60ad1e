import type { SavedView } from '../model/environment.js';
import type { Db } from './open-database.js';

interface Row {
  id: number;
  name: string;
  filter: string;
  columns: string | null;
  created_at: number;
  updated_at: number;
}

const select = 'SELECT id, name, filter, columns, created_at, updated_at FROM saved_views';

/** The Inbox's saved views (name → filter expression and columns), in the data folder. */
export class SavedViewsRepository {
  private readonly listStatement;
  private readonly getStatement;
  private readonly nameStatement;
  private readonly insertStatement;
  private readonly updateStatement;
  private readonly deleteStatement;

  constructor(db: Db) {
    this.listStatement = db.prepare(`${select} ORDER BY name COLLATE NOCASE, id`);
    this.getStatement = db.prepare(`${select} WHERE id = ?`);
    this.nameStatement = db.prepare(`SELECT id FROM saved_views WHERE name = ? COLLATE NOCASE`).pluck();
    this.insertStatement = db.prepare(`INSERT INTO saved_views (name, filter, columns, created_at, updated_at) VALUES (@name, @filter, @columns, @now, @now)`);
    this.updateStatement = db.prepare(`UPDATE saved_views SET name = @name, filter = @filter, columns = @columns, updated_at = @now WHERE id = @id`);
    this.deleteStatement = db.prepare(`DELETE FROM saved_views WHERE id = ?`);
  }

  list(): SavedView[] {
    return (this.listStatement.all() as Row[]).map(view);
  }

  get(id: number): SavedView | null {
    const row = this.getStatement.get(id) as Row | undefined;
    return row ? view(row) : null;
  }

  idByName(name: string): number | null {
    return (this.nameStatement.get(name) as number | undefined) ?? null;
  }

  create(input: { name: string; filter: string; columns: string[] | null }): SavedView {
    const id = Number(this.insertStatement.run({ ...input, columns: columnsText(input.columns), now: Date.now() }).lastInsertRowid);
    return this.get(id)!;
  }

  update(id: number, input: { name: string; filter: string; columns: string[] | null }): SavedView | null {
    const changed = this.updateStatement.run({ ...input, id, columns: columnsText(input.columns), now: Date.now() }).changes > 0;
    return changed ? this.get(id) : null;
  }

  delete(id: number): boolean {
    return this.deleteStatement.run(id).changes > 0;
  }
}

function columnsText(columns: string[] | null): string | null {
  return columns === null ? null : JSON.stringify(columns);
}

function view(row: Row): SavedView {
  return { id: row.id, name: row.name, filter: row.filter, columns: row.columns === null ? null : (JSON.parse(row.columns) as string[]), createdAt: row.created_at, updatedAt: row.updated_at };
}
