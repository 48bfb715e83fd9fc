-- Entries not yet linked into the hash chain.
SELECT count(*) FROM decision WHERE hash IS NULL
