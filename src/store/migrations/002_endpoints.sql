-- Mock endpoints: the definition is one validated JSON document (src/model/endpoint.ts).
CREATE TABLE endpoints (
  -- AUTOINCREMENT: a deleted endpoint's id is never reused, so old captures never point at a new endpoint
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  position    INTEGER NOT NULL,
  definition  TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX exchanges_endpoint ON exchanges (endpoint_id, id) WHERE endpoint_id IS NOT NULL;
