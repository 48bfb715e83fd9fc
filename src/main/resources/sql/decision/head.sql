-- The sealed chain's head and the transaction's time, to sign as a checkpoint.
SELECT chain_pos, seq, encode(hash, 'hex') AS hash, now() AS signed_at
  FROM decision
 WHERE chain_pos IS NOT NULL
 ORDER BY chain_pos DESC
 LIMIT 1
