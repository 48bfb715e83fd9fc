-- True when the sample was loaded before or the database already has estates.
SELECT EXISTS (SELECT 1 FROM app_state WHERE key = :key) OR EXISTS (SELECT 1 FROM estate)
