-- Postback KPIs (src/metrics). One fact per exchange, computed after commit by the metrics
-- worker (never on the acknowledgement path), and rollups kept exact by applying each fact's
-- change as "minus old contribution, plus new". Queries read rollups, so they cost the same at 1 M
-- exchanges as at 1 000.

CREATE TABLE metrics_facts (
  -- no foreign key: a deleted exchange's fact must still be readable to take its share out of the rollups
  exchange_id        INTEGER PRIMARY KEY,
  direction          TEXT    NOT NULL,
  at                 INTEGER NOT NULL,
  endpoint_id        INTEGER,
  template_id        INTEGER,
  profile_id         INTEGER,
  base_template_id   INTEGER,
  base_profile_id    INTEGER,
  match_key          TEXT,
  event              TEXT,
  value              REAL,
  currency           TEXT,
  param_time         INTEGER,
  enqueued_at        INTEGER,
  state              TEXT,
  delivered_at       INTEGER,
  attempts           INTEGER NOT NULL,
  -- JSON {reason: count} or NULL
  reasons            TEXT,
  last_reason        TEXT,
  status             INTEGER,
  rejected           INTEGER NOT NULL,
  verdict            TEXT,
  macro_tokens       INTEGER NOT NULL,
  duplicate          INTEGER NOT NULL,
  expected           INTEGER NOT NULL,
  arrived            INTEGER NOT NULL,
  conversion_at      INTEGER,
  latency            REAL,
  with_expected      INTEGER NOT NULL,
  mismatched         INTEGER NOT NULL,
  accurate           INTEGER NOT NULL,
  -- bit set of src/metrics/contribution.ts PROBLEM_BITS; 0 = nothing to list
  problems           INTEGER NOT NULL
);
CREATE INDEX metrics_facts_key ON metrics_facts (match_key, exchange_id) WHERE match_key IS NOT NULL;
CREATE INDEX metrics_facts_at ON metrics_facts (at);
-- Response times of a side and window, read without touching the table (exact percentiles).
CREATE INDEX metrics_facts_latency ON metrics_facts (direction, at, latency) WHERE latency IS NOT NULL;
CREATE INDEX metrics_facts_problems ON metrics_facts (exchange_id) WHERE problems <> 0;

-- Counters per minute and dims: windows are summed from whole minutes (plus facts for partial minutes).
CREATE TABLE metrics_minute (
  bucket             INTEGER NOT NULL,
  direction          TEXT    NOT NULL,
  -- 0 stands for "none" so the dims can be part of the key
  endpoint_id        INTEGER NOT NULL,
  profile_id         INTEGER NOT NULL,
  template_id        INTEGER NOT NULL,
  n                  INTEGER NOT NULL DEFAULT 0,
  delivered          INTEGER NOT NULL DEFAULT 0,
  failed             INTEGER NOT NULL DEFAULT 0,
  pending            INTEGER NOT NULL DEFAULT 0,
  attempts           INTEGER NOT NULL DEFAULT 0,
  attempts_delivered INTEGER NOT NULL DEFAULT 0,
  expected           INTEGER NOT NULL DEFAULT 0,
  arrived            INTEGER NOT NULL DEFAULT 0,
  duplicates         INTEGER NOT NULL DEFAULT 0,
  verdict_pass       INTEGER NOT NULL DEFAULT 0,
  verdict_fail       INTEGER NOT NULL DEFAULT 0,
  verdict_none       INTEGER NOT NULL DEFAULT 0,
  verdict_pending    INTEGER NOT NULL DEFAULT 0,
  accurate           INTEGER NOT NULL DEFAULT 0,
  with_expected      INTEGER NOT NULL DEFAULT 0,
  mismatched         INTEGER NOT NULL DEFAULT 0,
  macro_tokens       INTEGER NOT NULL DEFAULT 0,
  macro_postbacks    INTEGER NOT NULL DEFAULT 0,
  timeout            INTEGER NOT NULL DEFAULT 0,
  status4xx          INTEGER NOT NULL DEFAULT 0,
  status5xx          INTEGER NOT NULL DEFAULT 0,
  connection         INTEGER NOT NULL DEFAULT 0,
  rule_mismatch      INTEGER NOT NULL DEFAULT 0,
  other              INTEGER NOT NULL DEFAULT 0,
  latency_count      INTEGER NOT NULL DEFAULT 0,
  latency_sum        REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket, direction, endpoint_id, profile_id, template_id)
) WITHOUT ROWID;

-- The same per hour, so a month-long window sums ~720 rows per dims instead of ~43 000.
CREATE TABLE metrics_hour (
  bucket             INTEGER NOT NULL,
  direction          TEXT    NOT NULL,
  -- 0 stands for "none" so the dims can be part of the key
  endpoint_id        INTEGER NOT NULL,
  profile_id         INTEGER NOT NULL,
  template_id        INTEGER NOT NULL,
  n                  INTEGER NOT NULL DEFAULT 0,
  delivered          INTEGER NOT NULL DEFAULT 0,
  failed             INTEGER NOT NULL DEFAULT 0,
  pending            INTEGER NOT NULL DEFAULT 0,
  attempts           INTEGER NOT NULL DEFAULT 0,
  attempts_delivered INTEGER NOT NULL DEFAULT 0,
  expected           INTEGER NOT NULL DEFAULT 0,
  arrived            INTEGER NOT NULL DEFAULT 0,
  duplicates         INTEGER NOT NULL DEFAULT 0,
  verdict_pass       INTEGER NOT NULL DEFAULT 0,
  verdict_fail       INTEGER NOT NULL DEFAULT 0,
  verdict_none       INTEGER NOT NULL DEFAULT 0,
  verdict_pending    INTEGER NOT NULL DEFAULT 0,
  accurate           INTEGER NOT NULL DEFAULT 0,
  with_expected      INTEGER NOT NULL DEFAULT 0,
  mismatched         INTEGER NOT NULL DEFAULT 0,
  macro_tokens       INTEGER NOT NULL DEFAULT 0,
  macro_postbacks    INTEGER NOT NULL DEFAULT 0,
  timeout            INTEGER NOT NULL DEFAULT 0,
  status4xx          INTEGER NOT NULL DEFAULT 0,
  status5xx          INTEGER NOT NULL DEFAULT 0,
  connection         INTEGER NOT NULL DEFAULT 0,
  rule_mismatch      INTEGER NOT NULL DEFAULT 0,
  other              INTEGER NOT NULL DEFAULT 0,
  latency_count      INTEGER NOT NULL DEFAULT 0,
  latency_sum        REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket, direction, endpoint_id, profile_id, template_id)
) WITHOUT ROWID;

-- Response-time histogram per hour and dims (log bins, src/metrics/latency-bins.ts): percentiles of big windows.
CREATE TABLE metrics_hist (
  bucket             INTEGER NOT NULL,
  direction          TEXT    NOT NULL,
  endpoint_id        INTEGER NOT NULL,
  profile_id         INTEGER NOT NULL,
  template_id        INTEGER NOT NULL,
  bin                INTEGER NOT NULL,
  count              INTEGER NOT NULL,
  PRIMARY KEY (bucket, direction, endpoint_id, profile_id, template_id, bin)
) WITHOUT ROWID;

-- The same per day: a week's percentiles read ~7 rows per dims and bin instead of ~170.
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

-- Exchanges whose outbox row changed after they were first counted (a retry, a delivery, a cancel).
-- A trigger, not an event: the sender writes from a worker thread with its own connection, and a
-- change made just before a crash is still picked up on the next start.
CREATE TABLE metrics_dirty (
  exchange_id INTEGER PRIMARY KEY
) WITHOUT ROWID;
CREATE TRIGGER metrics_outbox_changed AFTER UPDATE OF state, attempts, delivered_at ON outbox
BEGIN
  INSERT OR IGNORE INTO metrics_dirty (exchange_id) VALUES (NEW.exchange_id);
END;

-- Expected conversions imported for reconciliation (CSV or JSON).
CREATE TABLE expected_imports (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  count       INTEGER NOT NULL,
  -- JSON [{line, message}] of lines that could not be read
  skipped     TEXT    NOT NULL
);
CREATE TABLE expected_conversions (
  import_id     INTEGER NOT NULL REFERENCES expected_imports (id) ON DELETE CASCADE,
  line          INTEGER NOT NULL,
  match_key     TEXT    NOT NULL,
  event         TEXT,
  value         REAL,
  currency      TEXT,
  conversion_at INTEGER,
  PRIMARY KEY (import_id, line)
) WITHOUT ROWID;
CREATE INDEX expected_conversions_key ON expected_conversions (match_key, import_id);

INSERT INTO meta (key, value) VALUES ('metrics_through', '0');
