-- The day the sample's evidence is dated from, for allocation_evidence.sql (a script cannot bind values).
SELECT set_config('zamin.sample_today', CAST(CAST(:today AS date) AS text), true)
