-- Every HTTP exchange, in or out, stored byte-exact. Derived views are computed on read or by the indexer.
CREATE TABLE exchanges (
  -- AUTOINCREMENT: ids are never reused after a delete, so the indexer and workers that track
  -- "done through id N" never skip a row, and old links never point at a new exchange
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  direction       TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
  method          TEXT    NOT NULL,
  -- raw request target as the bytes arrived, latin1-mapped (one char per byte) so nothing is lost
  target          TEXT    NOT NULL,
  path            TEXT    NOT NULL,
  http_version    TEXT    NOT NULL,
  -- JSON [[name, value], ...] in received order, names as sent, values latin1-mapped
  raw_headers     TEXT    NOT NULL,
  content_type    TEXT,
  body            BLOB    NOT NULL,
  body_size       INTEGER NOT NULL,
  remote_address  TEXT    NOT NULL,
  remote_port     INTEGER NOT NULL,
  received_at     INTEGER NOT NULL,
  duration_ms     REAL    NOT NULL DEFAULT 0,
  rejected        TEXT,
  response_status INTEGER,
  response_headers TEXT,
  response_body   BLOB,
  answered_by     TEXT,
  endpoint_id     INTEGER,
  profile_id      INTEGER,
  template_id     INTEGER,
  correlation     TEXT
);
CREATE INDEX exchanges_received_at ON exchanges (received_at);
CREATE INDEX exchanges_correlation ON exchanges (correlation) WHERE correlation IS NOT NULL;

-- Filled by the batched indexer after commit, never on the acknowledgement path.
CREATE TABLE exchange_params (
  exchange_id INTEGER NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
  name        TEXT    NOT NULL,
  value       TEXT    NOT NULL
);
CREATE INDEX exchange_params_lookup ON exchange_params (name, value, exchange_id);
CREATE INDEX exchange_params_exchange ON exchange_params (exchange_id);

-- Word tokens (ids like abc-123 or 1.25 stay whole) searched by prefix: five times cheaper to fill
-- than trigrams, which matters when bursts of JSON postbacks must be indexed after the fact.
CREATE VIRTUAL TABLE exchange_text USING fts5 (text, tokenize = "unicode61 remove_diacritics 0 tokenchars '-_.@'");

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('indexed_through', '0');
