-- A new investor from sign-up, unless the address is taken (whatever its letter case); returns its id, or no row
-- when the address already has an account (the caller answers alike either way).
INSERT INTO users (email, name, organisation, password_hash, role, created_at)
VALUES (:email, :name, :organisation, :hash, 'INVESTOR', :now)
ON CONFLICT ((lower(email))) DO NOTHING
RETURNING id
