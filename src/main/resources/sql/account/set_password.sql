-- Replaces the password hash of the account with this address; returns its id.
UPDATE users SET password_hash = :hash WHERE lower(email) = lower(:email)
RETURNING id
