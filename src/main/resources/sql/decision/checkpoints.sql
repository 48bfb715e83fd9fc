-- Signed checkpoints, newest first (at most :limit; every one for the verifier).
SELECT chain_pos, seq, encode(head_hash, 'hex') AS hash, signed_at, key_id,
       translate(encode(signature, 'base64'), E'\n', '') AS signature
  FROM decision_checkpoint
 ORDER BY chain_pos DESC, id DESC
 LIMIT :limit
