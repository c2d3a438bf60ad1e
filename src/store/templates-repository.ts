import type { Template, TemplateSpec } from '../model/sender.js';
import type { Db } from './open-database.js';

interface Row {
  id: number;
  spec: string;
  created_at: number;
  updated_at: number;
}

/** Outbound postback templates; the spec is one JSON document, validated before it gets here. */
export class TemplatesRepository {
  private readonly insertStatement;
  private readonly getStatement;
  private readonly listStatement;
  private readonly updateStatement;
  private readonly deleteStatement;

  private readonly createAll;

  constructor(db: Db) {
    this.createAll = db.transaction((specs: readonly TemplateSpec[]) => specs.map((spec) => this.create(spec)));
    this.insertStatement = db.prepare(`INSERT INTO templates (name, spec, created_at, updated_at) VALUES (?, ?, ?, ?)`);
    this.getStatement = db.prepare(`SELECT id, spec, created_at, updated_at FROM templates WHERE id = ?`);
    this.listStatement = db.prepare(`SELECT id, spec, created_at, updated_at FROM templates ORDER BY name COLLATE NOCASE, id`);
    this.updateStatement = db.prepare(`UPDATE templates SET name = ?, spec = ?, updated_at = ? WHERE id = ?`);
    this.deleteStatement = db.prepare(`DELETE FROM templates WHERE id = ?`);
  }

  create(spec: TemplateSpec, now = Date.now()): Template {
    const id = Number(this.insertStatement.run(spec.name, JSON.stringify(spec), now, now).lastInsertRowid);
    return { ...spec, id, createdAt: now, updatedAt: now };
  }

  /** All or none: an import (HAR, Postman) never leaves half its templates behind. */
  createMany(specs: readonly TemplateSpec[]): Template[] {
    return this.createAll.immediate(specs);
  }

  get(id: number): Template | null {
    const row = this.getStatement.get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  list(): Template[] {
    return (this.listStatement.all() as Row[]).map(fromRow);
  }

  update(id: number, spec: TemplateSpec, now = Date.now()): Template | null {
    if (this.updateStatement.run(spec.name, JSON.stringify(spec), now, id).changes === 0) return null;
    return this.get(id);
  }

  delete(id: number): boolean {
    return this.deleteStatement.run(id).changes > 0;
  }
}

function fromRow(row: Row): Template {
  return { ...(JSON.parse(row.spec) as TemplateSpec), id: row.id, createdAt: row.created_at, updatedAt: row.updated_at };
}
