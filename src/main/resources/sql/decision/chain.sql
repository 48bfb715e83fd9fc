-- Every sealed entry in chain order with the canonical text its hash covers, for the verifier.
SELECT d.chain_pos, d.seq, d.prev_hash, d.hash, decision_canonical(d) AS canonical
  FROM decision d
 WHERE d.chain_pos IS NOT NULL
 ORDER BY d.chain_pos
