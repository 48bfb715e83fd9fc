-- A new account; returns its id.
INSERT INTO users (email, name, organisation, password_hash, role, created_at)
VALUES (:email, :name, :organisation, :hash, :role, :now)
RETURNING id
