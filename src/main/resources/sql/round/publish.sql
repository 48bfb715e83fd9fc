-- A draft becomes PUBLISHED with its secret seed and the seed's commitment (the table checks they match).
UPDATE offer
   SET state = 'PUBLISHED', published_at = :now, seed = :seed, seed_commitment = sha256(CAST(:seed AS bytea))
 WHERE id = :id AND state = 'DRAFT'
RETURNING encode(seed_commitment, 'hex')
