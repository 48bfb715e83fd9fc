-- The latest checkpoint signed with this key, and the hash the entry at its position has now (null if it is gone).
SELECT c.chain_pos, encode(c.head_hash, 'hex') AS signed_hash, encode(d.hash, 'hex') AS current_hash
  FROM decision_checkpoint c
  LEFT JOIN decision d ON d.chain_pos = c.chain_pos
 WHERE c.key_id = :keyId
 ORDER BY c.chain_pos DESC, c.id DESC
 LIMIT 1
