-- The database's today (UTC): no legacy record may have happened after it.
SELECT CAST(now() AT TIME ZONE 'UTC' AS date)
