import type { Db } from './open-database.js';

/** Settings that outlive a launch, as JSON under `settings.<name>` in meta (no schema change per setting). */
export class SettingsRepository {
  private readonly read;
  private readonly write;

  constructor(db: Db) {
    this.read = db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck();
    this.write = db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  }

  get<T>(name: string): T | null {
    const value = this.read.get(`settings.${name}`) as string | undefined;
    return value === undefined ? null : (JSON.parse(value) as T);
  }

  set(name: string, value: unknown): void {
    this.write.run(`settings.${name}`, JSON.stringify(value));
  }
}
