-- The day the sample's evidence is dated from and the sample estates' code patterns, for allocation_evidence.sql
-- (a script cannot bind values).
SELECT set_config('zamin.sample_today', CAST(CAST(:today AS date) AS text), true)
    || set_config('zamin.sample_codes', CAST(CAST(:samples AS text[]) AS text), true)
