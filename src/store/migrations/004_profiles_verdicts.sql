-- Partner profiles, their secrets (kept apart so a profile can be shown, exported or logged whole),
-- and one verdict per captured exchange.
CREATE TABLE profiles (
  -- AUTOINCREMENT: a deleted profile's id is never reused, so an old verdict never names a new profile
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  -- the ProfileInput as JSON (src/model/profile.ts); never holds a secret
  definition  TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

CREATE TABLE secrets (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  -- one secret per profile: the profile's reference; deleting the profile deletes its secret
  profile_id  INTEGER NOT NULL UNIQUE REFERENCES profiles (id) ON DELETE CASCADE,
  kind        TEXT    NOT NULL CHECK (kind IN ('shared', 'public-key', 'private-key')),
  encoding    TEXT    NOT NULL CHECK (encoding IN ('utf8', 'hex', 'base64')),
  value       TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

-- Computed after commit by the verdict worker, never on the capture path.
CREATE TABLE verdicts (
  exchange_id INTEGER PRIMARY KEY REFERENCES exchanges (id) ON DELETE CASCADE,
  status      TEXT    NOT NULL CHECK (status IN ('pass', 'fail', 'none')),
  signature   TEXT    NOT NULL CHECK (signature IN ('pass', 'fail', 'none', 'error')),
  failures    INTEGER NOT NULL,
  warnings    INTEGER NOT NULL,
  profile_id  INTEGER,
  -- 1 when its profile (or the endpoint's profile link) changed since: recomputed in the background
  stale       INTEGER NOT NULL DEFAULT 0,
  -- the ExchangeVerdict as JSON (src/model/verdict.ts), secrets masked
  detail      TEXT    NOT NULL,
  computed_at INTEGER NOT NULL
);
CREATE INDEX verdicts_profile ON verdicts (profile_id) WHERE profile_id IS NOT NULL;
CREATE INDEX verdicts_stale ON verdicts (exchange_id) WHERE stale = 1;
CREATE INDEX verdicts_status ON verdicts (status, exchange_id);

INSERT INTO meta (key, value) VALUES ('verdicts_through', '0');
