-- Servers sharing the database sign one head at a time (held until the transaction ends).
SELECT pg_advisory_xact_lock(hashtext('zamin.decision.checkpoint'))
