-- Verdicts judged before secret masking worked on bytes may hold a hex/base64 secret in clear in
-- `detail` (its control or invalid-UTF-8 bytes were not recognised as the secret). Re-judging
-- rewrites `detail` with the mask in place; rows of deleted profiles are included, since their
-- secret is gone from `secrets` but may still sit in the text. Rows without a profile never had one.
UPDATE verdicts SET stale = 1 WHERE profile_id IS NOT NULL;
