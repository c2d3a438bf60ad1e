import type { ExpectedConversion, ExpectedImport } from '../model/metrics.js';
import type { Db } from '../store/open-database.js';
import type { ParsedExpected } from './expected-parse.js';
import type { Expectation } from './fact.js';

interface ImportRow {
  id: number;
  name: string;
  created_at: number;
  count: number;
  skipped: string;
}

interface ConversionRow {
  line: number;
  match_key: string;
  event: string | null;
  value: number | null;
  currency: string | null;
  conversion_at: number | null;
}

/** Imported lists of expected conversions (reconciliation, accuracy, receiver-side delivery). */
export class ExpectedStore {
  private readonly insertImport;
  private readonly insertRow;
  private readonly listStatement;
  private readonly getStatement;
  private readonly deleteStatement;
  private readonly keysStatement;
  private readonly rowsStatement;
  private readonly byKeysStatement;
  private readonly latestStatement;

  constructor(private readonly db: Db) {
    this.insertImport = db.prepare(`INSERT INTO expected_imports (name, created_at, count, skipped) VALUES (?, ?, ?, ?)`);
    this.insertRow = db.prepare(`INSERT INTO expected_conversions (import_id, line, match_key, event, value, currency, conversion_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.listStatement = db.prepare(`SELECT * FROM expected_imports ORDER BY id DESC`);
    this.getStatement = db.prepare(`SELECT * FROM expected_imports WHERE id = ?`);
    this.deleteStatement = db.prepare(`DELETE FROM expected_imports WHERE id = ?`);
    this.keysStatement = db.prepare(`SELECT DISTINCT match_key FROM expected_conversions WHERE import_id = ?`).pluck();
    this.rowsStatement = db.prepare(`SELECT line, match_key, event, value, currency, conversion_at FROM expected_conversions WHERE import_id = ? ORDER BY line`);
    // Newest import first: a re-imported, corrected list wins over the old one.
    this.byKeysStatement = db.prepare(`SELECT match_key, event, value, currency, conversion_at FROM expected_conversions
      WHERE match_key IN (SELECT value FROM json_each(?)) ORDER BY import_id DESC, line`);
    this.latestStatement = db.prepare(`SELECT max(id) FROM expected_imports`).pluck();
  }

  create(name: string, parsed: ParsedExpected, now = Date.now()): ExpectedImport {
    return this.db.transaction(() => {
      const id = Number(this.insertImport.run(name, now, parsed.rows.length, JSON.stringify(parsed.skipped.slice(0, 1000))).lastInsertRowid);
      for (const r of parsed.rows) this.insertRow.run(id, r.line, r.key, r.event, r.value, r.currency, r.conversionAt);
      return { id, name, createdAt: now, count: parsed.rows.length, skipped: parsed.skipped.slice(0, 1000) };
    })();
  }

  list(): ExpectedImport[] {
    return (this.listStatement.all() as ImportRow[]).map(fromImportRow);
  }

  get(id: number): ExpectedImport | null {
    const row = this.getStatement.get(id) as ImportRow | undefined;
    return row ? fromImportRow(row) : null;
  }

  latestId(): number | null {
    return (this.latestStatement.get() as number | null) ?? null;
  }

  keys(importId: number): string[] {
    return this.keysStatement.all(importId) as string[];
  }

  delete(id: number): boolean {
    return this.deleteStatement.run(id).changes > 0;
  }

  rows(importId: number): Array<ExpectedConversion & { line: number }> {
    return (this.rowsStatement.all(importId) as ConversionRow[]).map((r) => ({ line: r.line, key: r.match_key, event: r.event, value: r.value, currency: r.currency, conversionAt: r.conversion_at }));
  }

  /** Expectations of every import for these keys, newest import first. */
  expectationsOf(keys: readonly string[]): Map<string, Expectation[]> {
    const map = new Map<string, Expectation[]>();
    if (keys.length === 0) return map;
    for (const r of this.byKeysStatement.all(JSON.stringify(keys)) as Array<Omit<ConversionRow, 'line'>>) {
      const e: Expectation = { key: r.match_key, event: r.event, value: r.value, currency: r.currency, conversionAt: r.conversion_at };
      (map.get(r.match_key) ?? map.set(r.match_key, []).get(r.match_key)!).push(e);
    }
    return map;
  }
}

function fromImportRow(r: ImportRow): ExpectedImport {
  return { id: r.id, name: r.name, createdAt: r.created_at, count: r.count, skipped: JSON.parse(r.skipped) as ExpectedImport['skipped'] };
}
