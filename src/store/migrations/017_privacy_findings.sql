-- Issue 15, "Metrics count privacy findings per partner": a capture whose verdict holds at least
-- one privacy-* issue (personal data in clear, a raw IP, a zeroed ad id, a credential in the URL,
-- a SKAdNetwork source-identifier beyond its tier…) is a privacy finding. The fact keeps the flag
-- (read from the verdict, like its status) and the rollups sum it per endpoint / profile, so the
-- existing metrics filters give the count per partner.
ALTER TABLE metrics_facts ADD COLUMN privacy_finding INTEGER NOT NULL DEFAULT 0;

ALTER TABLE metrics_minute ADD COLUMN privacy_findings INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metrics_hour ADD COLUMN privacy_findings INTEGER NOT NULL DEFAULT 0;

-- The new counter is zero on every existing row: count everything again, as 016 did (the metrics
-- worker catches up from metrics_through = 0, exactly as on a new data folder). The histograms are
-- emptied too: the catch-up adds every response time back.
DELETE FROM metrics_facts;
DELETE FROM metrics_minute;
DELETE FROM metrics_hour;
DELETE FROM metrics_hist;
DELETE FROM metrics_hist_day;
DELETE FROM metrics_dirty;
UPDATE meta SET value = '0' WHERE key = 'metrics_through';
