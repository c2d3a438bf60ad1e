import type { Db } from '../store/open-database.js';

/**
 * An early 006_metrics.sql (committed before the daily histogram existed) may already have run
 * on a data folder: there user_version is 6 but metrics_hist_day is missing. Create it and fill
 * it from the hourly histogram, which holds exactly the same counts. Idempotent; a no-op on
 * folders migrated with the final 006. Returns false when the table is missing and the
 * connection is read-only (the CLI): the app must open the folder once.
 */
export function ensureMetricsSchema(db: Db): boolean {
  const has = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'metrics_hist_day'`).pluck().get() === 1;
  if (has) return true;
  if (db.readonly) return false;
  db.transaction(() => {
    db.exec(`CREATE TABLE metrics_hist_day (
        bucket INTEGER NOT NULL, direction TEXT NOT NULL, endpoint_id INTEGER NOT NULL, profile_id INTEGER NOT NULL, template_id INTEGER NOT NULL,
        bin INTEGER NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (bucket, direction, endpoint_id, profile_id, template_id, bin)
      ) WITHOUT ROWID;
      INSERT INTO metrics_hist_day SELECT (bucket / 86400000) * 86400000, direction, endpoint_id, profile_id, template_id, bin, sum(count)
        FROM metrics_hist GROUP BY 1, 2, 3, 4, 5, 6;`);
  })();
  return true;
}
