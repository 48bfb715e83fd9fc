-- Stores a signed checkpoint of the chain's head (V530); the table is append-only.
INSERT INTO decision_checkpoint (chain_pos, seq, head_hash, signed_at, key_id, signature)
VALUES (:chainPos, :seq, decode(:hash, 'hex'), :signedAt, :keyId, decode(:signature, 'base64'))
