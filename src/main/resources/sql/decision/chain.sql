-- Every entry in chain order with the canonical text its hash covers, for the verifier.
SELECT d.seq, d.prev_hash, d.hash, decision_canonical(d) AS canonical
  FROM decision d
 ORDER BY d.seq
