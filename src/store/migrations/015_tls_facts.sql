-- Captures on the HTTPS receiver (issue #15) keep what their TLS handshake settled: protocol,
-- cipher, SNI, ALPN, the client certificate if one was sent. JSON text, one value per connection
-- reused by every request on it; NULL for plain HTTP and for everything captured before.
-- Numbered 015 so parallel work can take 013 and 014. A plain ADD COLUMN with no default is a
-- schema-only change in SQLite: no row is rewritten, so it is instant on any store size.
ALTER TABLE exchanges ADD COLUMN tls TEXT;
