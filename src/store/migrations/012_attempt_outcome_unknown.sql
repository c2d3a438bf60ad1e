-- Outbox exactly-once as far as the app can (issue #11): an attempt row is committed before its
-- request leaves ('in_flight') and closed after; one still open at start was cut off by a crash or
-- a stop, and becomes 'unknown' (the partner may or may not have the postback).
-- SQLite cannot alter a CHECK constraint, so the table is rebuilt with the same columns. Nothing
-- references attempts (no foreign key, view or trigger), so dropping the old table is safe.

CREATE TABLE attempts_009 (
  id                 INTEGER PRIMARY KEY,
  outbox_id          INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
  number             INTEGER NOT NULL,
  started_at         INTEGER NOT NULL,
  duration_ms        REAL    NOT NULL,
  status             INTEGER,
  error              TEXT,
  error_code         TEXT,
  outcome            TEXT    NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed', 'disabled', 'in_flight', 'unknown')),
  verdict            TEXT    NOT NULL,
  next_attempt_at    INTEGER,
  -- JSON [[name, value], ...] as received
  response_headers   TEXT,
  response_body      BLOB,
  response_truncated INTEGER NOT NULL DEFAULT 0
);
INSERT INTO attempts_009 SELECT id, outbox_id, number, started_at, duration_ms, status, error, error_code, outcome, verdict,
  next_attempt_at, response_headers, response_body, response_truncated FROM attempts;
DROP TABLE attempts;
ALTER TABLE attempts_009 RENAME TO attempts;
CREATE INDEX attempts_outbox ON attempts (outbox_id, number);
-- Open attempts only (a handful at most): the start-up check costs nothing with millions of rows.
CREATE INDEX attempts_open ON attempts (outbox_id) WHERE outcome = 'in_flight';
