-- Exchanges brought in from a HAR file (issue #14). NULL on everything captured or sent here, so
-- "imported" can never be confused with a real capture. On an imported exchange it is a JSON object
-- of the HAR facts no other column holds (the absolute URL, HTTP version strings, status text,
-- timings, server address, the original startedDateTime text): export writes them back, so a HAR
-- survives import → export byte for byte. Nullable with no default: adding it rewrites no rows.
ALTER TABLE exchanges ADD COLUMN imported TEXT;
