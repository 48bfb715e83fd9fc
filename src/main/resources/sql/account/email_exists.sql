-- Whether an account with this address exists (case-blind).
SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower(:email))
