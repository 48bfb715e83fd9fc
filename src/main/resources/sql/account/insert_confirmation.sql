-- A single-use link token for confirming an account's address, kept only as its SHA-256 hash.
INSERT INTO email_confirmation (token_hash, user_id, created_at, expires_at)
VALUES (:hash, :user, :now, :expires)
