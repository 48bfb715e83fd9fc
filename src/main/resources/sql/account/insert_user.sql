-- A new account made by an administrator (or the demo set-up), whose address counts as confirmed; returns its id.
INSERT INTO users (email, name, organisation, password_hash, role, created_at, email_confirmed_at)
VALUES (:email, :name, :organisation, :hash, :role, :now, :now)
RETURNING id
