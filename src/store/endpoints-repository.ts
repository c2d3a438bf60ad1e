import type { Endpoint, EndpointInput } from '../model/endpoint.js';
import type { Db } from './open-database.js';

interface EndpointRow {
  id: number;
  position: number;
  definition: string;
  created_at: number;
  updated_at: number;
}

export class EndpointsRepository {
  private readonly listStatement;
  private readonly getStatement;
  private readonly insertStatement;
  private readonly updateStatement;
  private readonly deleteStatement;
  private readonly nextPositionStatement;

  constructor(private readonly db: Db) {
    this.listStatement = db.prepare(`SELECT * FROM endpoints ORDER BY position, id`);
    this.getStatement = db.prepare(`SELECT * FROM endpoints WHERE id = ?`);
    this.insertStatement = db.prepare(`INSERT INTO endpoints (position, definition, created_at, updated_at) VALUES (?, ?, ?, ?)`);
    this.updateStatement = db.prepare(`UPDATE endpoints SET definition = ?, position = ?, updated_at = ? WHERE id = ?`);
    this.deleteStatement = db.prepare(`DELETE FROM endpoints WHERE id = ?`);
    this.nextPositionStatement = db.prepare(`SELECT coalesce(max(position), -1) + 1 FROM endpoints`).pluck();
  }

  list(): Endpoint[] {
    return (this.listStatement.all() as EndpointRow[]).map(fromRow);
  }

  get(id: number): Endpoint | null {
    const row = this.getStatement.get(id) as EndpointRow | undefined;
    return row ? fromRow(row) : null;
  }

  create(input: EndpointInput, position?: number): Endpoint {
    const now = Date.now();
    const at = position ?? (this.nextPositionStatement.get() as number);
    const id = Number(this.insertStatement.run(at, JSON.stringify(input), now, now).lastInsertRowid);
    return this.get(id)!;
  }

  /** All or nothing: an import either lands whole or leaves what was saved untouched. */
  createMany(inputs: EndpointInput[]): Endpoint[] {
    return this.db.transaction(() => inputs.map((input) => this.create(input)))();
  }

  update(id: number, input: EndpointInput, position?: number): Endpoint | null {
    const existing = this.get(id);
    if (!existing) return null;
    this.updateStatement.run(JSON.stringify(input), position ?? existing.position, Date.now(), id);
    return this.get(id);
  }

  delete(id: number): boolean {
    return this.deleteStatement.run(id).changes > 0;
  }
}

function fromRow(row: EndpointRow): Endpoint {
  return { ...(JSON.parse(row.definition) as EndpointInput), id: row.id, position: row.position, createdAt: row.created_at, updatedAt: row.updated_at };
}
