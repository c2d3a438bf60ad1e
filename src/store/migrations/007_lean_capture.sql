-- The acknowledgement path writes one row per capture and nothing else: every index on
-- `exchanges` is paid for on the receiver's loop. Lists are ordered by id (which follows arrival),
-- so the full index on received_at only slowed inserts; the "since" filter of the long-poll reads
-- a bounded id range instead. The correlation and endpoint indexes are partial and stay.
DROP INDEX IF EXISTS exchanges_received_at;

