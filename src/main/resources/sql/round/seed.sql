-- The secret seed of a published offer (read only by its close).
SELECT encode(seed, 'hex'), encode(seed_commitment, 'hex') FROM offer WHERE id = :id
