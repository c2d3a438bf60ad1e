-- Issue 12, KPIs per conversion: a conversion sent twice (a replay, a new send of the same
-- conversion) counted twice in the sender side's delivery-rate denominator. A conversion is now
-- its correlation key + event (the duplicate rule's identity; sends without a key are one each),
-- counted once on its first send and delivered when any of its sends was. Both flags depend on the
-- other sends of the key, so they are derived facts (src/metrics/conversions.ts).
--
-- Reversals: a profile may name events (chargeback, refund…) that take back an earlier conversion
-- of the same key. A capture of one is flagged `reversal` (from its own exchange and profile); the
-- captures it takes back are flagged `reversed`, and the receiver side counts conversions, values
-- and reversals net of them.
ALTER TABLE metrics_facts ADD COLUMN reversal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metrics_facts ADD COLUMN conversion_delivered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metrics_facts ADD COLUMN reversed INTEGER NOT NULL DEFAULT 0;

ALTER TABLE metrics_minute ADD COLUMN conversions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metrics_minute ADD COLUMN conversions_delivered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metrics_minute ADD COLUMN reversals INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metrics_minute ADD COLUMN reversed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metrics_minute ADD COLUMN value_sum REAL NOT NULL DEFAULT 0;
ALTER TABLE metrics_minute ADD COLUMN reversed_value_sum REAL NOT NULL DEFAULT 0;
ALTER TABLE metrics_hour ADD COLUMN conversions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metrics_hour ADD COLUMN conversions_delivered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metrics_hour ADD COLUMN reversals INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metrics_hour ADD COLUMN reversed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metrics_hour ADD COLUMN value_sum REAL NOT NULL DEFAULT 0;
ALTER TABLE metrics_hour ADD COLUMN reversed_value_sum REAL NOT NULL DEFAULT 0;

-- The new counters are zero on every existing row: count everything again, as 009 did (the
-- metrics worker catches up from metrics_through = 0, exactly as on a new data folder). The
-- histograms are emptied too: the catch-up adds every response time back.
DELETE FROM metrics_facts;
DELETE FROM metrics_minute;
DELETE FROM metrics_hour;
DELETE FROM metrics_hist;
DELETE FROM metrics_hist_day;
DELETE FROM metrics_dirty;
UPDATE meta SET value = '0' WHERE key = 'metrics_through';
