-- Releases up to schema 6 indexed JSON body fields through JSON.parse, so the params index holds
-- their numbers rounded (`12.50` as `12.5`, 12345678901234567890 as 12345678901234567000), while
-- the current indexer (decodeCapture) keeps them as written: after an upgrade, `param.payout=12.50`
-- or a 20-digit `param.click_id` missed every JSON capture stored before it. The index is derived
-- from the stored bytes: drop it and let the derivation pipeline rebuild it (paced like any
-- catch-up after a crash; `indexLag` in /api/status counts down meanwhile). Verdicts, baseline
-- results and metric facts keep their own progress and are not recomputed.
DELETE FROM exchange_params;
DELETE FROM exchange_text;
UPDATE meta SET value = '0' WHERE key = 'indexed_through';
