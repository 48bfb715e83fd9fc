-- A browser session, stored under the hash of its cookie value.
INSERT INTO user_session (id_hash, user_id, created_at, expires_at, csrf_token)
VALUES (:hash, :user, :now, :expires, :csrf)
