-- Comparison: saved ignore rules, golden baselines, and each capture's result against its baseline.
-- Scopes are 'endpoint' or 'profile' by id; profiles live in another module, so no foreign key there.

CREATE TABLE ignore_rules (
  scope       TEXT    NOT NULL CHECK (scope IN ('endpoint', 'profile')),
  scope_id    INTEGER NOT NULL,
  -- JSON {ignore: string[], paramOrder?, headerOrder?, volatileHeaders?, jsonArrays?}
  rules       TEXT    NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (scope, scope_id)
) WITHOUT ROWID;

CREATE TABLE baselines (
  scope       TEXT    NOT NULL CHECK (scope IN ('endpoint', 'profile')),
  scope_id    INTEGER NOT NULL,
  -- deleting the pinned exchange unpins it
  exchange_id INTEGER NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (scope, scope_id)
) WITHOUT ROWID;
CREATE INDEX baselines_exchange ON baselines (exchange_id);

-- Written by the batched checker after commit, never on the acknowledgement path.
CREATE TABLE baseline_results (
  exchange_id          INTEGER NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
  scope                TEXT    NOT NULL,
  scope_id             INTEGER NOT NULL,
  -- no foreign key: the result stays true of the baseline it was computed against, even once unpinned
  baseline_exchange_id INTEGER NOT NULL,
  differences          INTEGER NOT NULL,
  summary              TEXT    NOT NULL,
  compared_at          INTEGER NOT NULL,
  PRIMARY KEY (exchange_id, scope)
) WITHOUT ROWID;

-- Captures stored before this migration predate every baseline: the checker starts after them.
INSERT INTO meta (key, value) SELECT 'baselines_checked_through', CAST(coalesce(max(id), 0) AS TEXT) FROM exchanges;
