-- The account with this address (case-blind) and whether its address is confirmed.
SELECT id, email_confirmed_at IS NOT NULL AS confirmed FROM users WHERE lower(email) = lower(:email)
