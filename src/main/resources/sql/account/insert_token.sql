-- A personal API token, stored under the hash of its secret, with its expiry; returns its id.
INSERT INTO api_token (token_hash, user_id, name, created_at, expires_at)
VALUES (:hash, :user, :name, :now, :expires)
RETURNING id
