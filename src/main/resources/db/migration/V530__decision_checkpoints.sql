-- Signed checkpoints of the decision log's head. Every few minutes the server signs the sealed chain's head
-- (position, seq, hash, time) with an Ed25519 key kept outside the database and stores the checkpoint here (to
-- publish it) and in an append-only file in its data directory. A superuser can rewrite an entry and recompute the
-- whole chain in SQL, but cannot sign: the verifier compares the chain with the signed heads and finds the rewrite.
CREATE TABLE decision_checkpoint (
    id         bigserial PRIMARY KEY,
    chain_pos  bigint NOT NULL CHECK (chain_pos > 0),
    seq        bigint NOT NULL,
    head_hash  bytea NOT NULL CHECK (length(head_hash) = 32),
    signed_at  timestamptz NOT NULL,
    -- The first 16 hex digits of the SHA-256 of the signing key's public key (X.509 encoding).
    key_id     text NOT NULL CHECK (key_id ~ '^[0-9a-f]{16}$'),
    signature  bytea NOT NULL CHECK (length(signature) = 64)
);
CREATE INDEX decision_checkpoint_pos_idx ON decision_checkpoint (chain_pos);
