-- The sender: templates, the outbox (pending sends and their retry schedule) and every delivery attempt.
-- Each outbound postback is also one exchange (direction 'out') holding the request as sent.

CREATE TABLE templates (
  -- AUTOINCREMENT: a deleted template's id is never reused, so an old exchange's template_id never names a new template
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT    NOT NULL,
  -- the TemplateSpec as JSON: method, url, headers, body, dialect, retry, success…
  spec       TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE outbox (
  id                 INTEGER PRIMARY KEY,
  -- the request as sent lives in the exchange; deleting it drops the send
  exchange_id        INTEGER NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
  template_id        INTEGER REFERENCES templates (id) ON DELETE SET NULL,
  -- a replay's source; no foreign key: the link stays as history when the source is deleted
  source_exchange_id INTEGER,
  bulk_id            TEXT,
  method             TEXT    NOT NULL,
  url                TEXT    NOT NULL,
  transport          TEXT    NOT NULL CHECK (transport IN ('pooled', 'exact')),
  state              TEXT    NOT NULL CHECK (state IN ('pending', 'in_flight', 'delivered', 'failed', 'cancelled', 'disabled')),
  -- completed attempts
  attempts           INTEGER NOT NULL DEFAULT 0,
  next_attempt_at    INTEGER,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  delivered_at       INTEGER,
  last_status        INTEGER,
  last_error         TEXT,
  -- the same on every attempt of this postback (sent in a header when the template asks for one)
  idempotency_key    TEXT    NOT NULL,
  correlation        TEXT,
  -- destination key for Everflow-like "disable after N consecutive failures"
  circuit_key        TEXT,
  -- JSON: retry policy, expanded success rule, timeout, redirects, TLS check, time scale
  settings           TEXT    NOT NULL
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_exchange ON outbox (exchange_id);
-- open sends only: delivered bulk postbacks (the great majority) cost no index entry here
CREATE INDEX outbox_open ON outbox (state, id) WHERE state IN ('pending', 'in_flight');
CREATE INDEX outbox_bulk ON outbox (bulk_id) WHERE bulk_id IS NOT NULL;
CREATE INDEX outbox_circuit ON outbox (circuit_key, updated_at) WHERE circuit_key IS NOT NULL;

CREATE TABLE attempts (
  id                 INTEGER PRIMARY KEY,
  outbox_id          INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
  number             INTEGER NOT NULL,
  started_at         INTEGER NOT NULL,
  duration_ms        REAL    NOT NULL,
  status             INTEGER,
  error              TEXT,
  error_code         TEXT,
  outcome            TEXT    NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed', 'disabled')),
  verdict            TEXT    NOT NULL,
  next_attempt_at    INTEGER,
  -- JSON [[name, value], ...] as received
  response_headers   TEXT,
  response_body      BLOB,
  response_truncated INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attempts_outbox ON attempts (outbox_id, number);

-- Destinations switched off after too many consecutive failures (until reset).
CREATE TABLE sender_circuits (
  key                  TEXT PRIMARY KEY,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  disabled_at          INTEGER,
  last_error           TEXT
);
