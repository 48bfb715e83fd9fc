-- The id of the account with this address (case-blind), disabled or not.
SELECT id FROM users WHERE lower(email) = lower(:email)
