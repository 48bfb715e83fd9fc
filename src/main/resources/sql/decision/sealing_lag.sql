-- How far the sealer is behind: entries not yet linked into the hash chain, and the age in seconds of the oldest
-- (0 when none). The partial index decision_unsealed_idx keeps this cheap however long the log grows.
SELECT count(*) AS unsealed,
       COALESCE(EXTRACT(EPOCH FROM now() - min(occurred_at)), 0)::float8 AS oldest_age_seconds
  FROM decision WHERE hash IS NULL
