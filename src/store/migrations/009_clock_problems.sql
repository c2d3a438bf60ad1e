-- Conversion times that cannot start a response time (src/metrics/clock-rule.ts): in the future
-- beyond the clock skew, older than the horizon, or a time param in no known format. They are
-- kept out of the response-time KPI and counted apart, so the facts carry why and the rollups a
-- counter.
ALTER TABLE metrics_facts ADD COLUMN time_problem TEXT;
ALTER TABLE metrics_facts ADD COLUMN clock_problem TEXT;
ALTER TABLE metrics_minute ADD COLUMN clock_problems INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metrics_hour ADD COLUMN clock_problems INTEGER NOT NULL DEFAULT 0;

-- Facts counted so far read YYYYMMDDHHMM as unix ms and zoneless ISO as local time, and counted
-- years-old conversion times into the mean: count everything again (the metrics worker catches
-- up from metrics_through = 0, exactly as on a new data folder).
DELETE FROM metrics_facts;
DELETE FROM metrics_minute;
DELETE FROM metrics_hour;
DELETE FROM metrics_hist;
-- Made again rather than emptied: a folder migrated with the early 006 has no such table yet
-- (src/metrics/schema.ts), and after this both kinds of folder hold the same empty table.
DROP TABLE IF EXISTS metrics_hist_day;
CREATE TABLE metrics_hist_day (
  bucket             INTEGER NOT NULL,
  direction          TEXT    NOT NULL,
  endpoint_id        INTEGER NOT NULL,
  profile_id         INTEGER NOT NULL,
  template_id        INTEGER NOT NULL,
  bin                INTEGER NOT NULL,
  count              INTEGER NOT NULL,
  PRIMARY KEY (bucket, direction, endpoint_id, profile_id, template_id, bin)
) WITHOUT ROWID;
DELETE FROM metrics_dirty;
UPDATE meta SET value = '0' WHERE key = 'metrics_through';
