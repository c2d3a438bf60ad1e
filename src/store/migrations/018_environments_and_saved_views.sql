-- Issue 13: named sets of Composer variables (Postman-style environments) and saved Inbox views.
-- An environment's variables are one JSON list `[{ "name", "value", "secret" }]` in their order;
-- a secret variable's value is sealed (`enc:v1:…`, src/profiles/secret-cipher.ts) like profile
-- secrets, so the database file alone never yields it.
CREATE TABLE environments (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  variables TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- A saved Inbox view: a filter-language expression and, optionally, the columns shown with it
-- (a JSON list of column ids, or NULL to leave the columns as they are).
CREATE TABLE saved_views (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  filter TEXT NOT NULL,
  columns TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
