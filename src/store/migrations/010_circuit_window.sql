-- Everflow deactivates a postback after 10 consecutive failures within 72 hours: a circuit keeps
-- the times of its run's last failures (JSON array of ms, at most the threshold) so the window can
-- be checked (src/store/outbox-repository.ts CircuitsRepository.recordFailure).
ALTER TABLE sender_circuits ADD COLUMN failure_times TEXT;
