-- One idle scan at a time (server and CLI alike): false when another holds the lock.
SELECT pg_try_advisory_xact_lock(hashtext(:key))
