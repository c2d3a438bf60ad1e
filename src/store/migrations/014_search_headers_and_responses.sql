-- Issue #13: headers and response bodies could not be searched, and `body*=` needs the request
-- body apart from the URL. exchange_text (one `text` column: URL, multipart fields and request
-- body) becomes four columns, so a bare word still searches everything (FTS MATCH without a
-- column filter) while `body*=` reads the stored `body` and `response` columns only:
--   url      the request target as display text
--   body     multipart fields and the decoded request body text
--   headers  request and response headers, one "name: value" per line
--   response the decoded response body text
-- FTS5 cannot add columns, so the table is made again and, as in 011, the derived index is rebuilt
-- from the stored bytes by the derivation pipeline (paced; `indexLag` in /api/status counts down).
-- Params are dropped with it because the indexer writes both in one pass. Verdicts, baselines and
-- metric facts keep their own progress and are not recomputed.
-- Numbered 014: 013 is reserved for a migration on another branch.
DROP TABLE exchange_text;
CREATE VIRTUAL TABLE exchange_text USING fts5 (url, body, headers, response, tokenize = "unicode61 remove_diacritics 0 tokenchars '-_.@'");
DELETE FROM exchange_params;
UPDATE meta SET value = '0' WHERE key = 'indexed_through';
