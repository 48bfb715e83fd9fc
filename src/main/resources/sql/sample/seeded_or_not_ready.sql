-- True when the sample allocations were seeded before, or the demo investor or no shipped sample is loaded.
SELECT EXISTS (SELECT 1 FROM app_state WHERE key = :key)
    OR NOT EXISTS (SELECT 1 FROM users WHERE email = 'investor@demo.zamin.ir')
    OR NOT EXISTS (SELECT 1 FROM estate WHERE code LIKE ANY (CAST(:samples AS text[])))
