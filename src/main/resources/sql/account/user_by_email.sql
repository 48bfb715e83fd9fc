-- An enabled user whose address is confirmed, with the estates they manage and their password hash, for sign-in (the
-- address matched case-blind). A disabled or unconfirmed account is not found, so it fails sign-in as an unknown
-- address does.
SELECT u.id, u.email, u.role,
       ARRAY(SELECT e.code FROM officer_estate oe JOIN estate e ON e.id = oe.estate_id
              WHERE oe.user_id = u.id ORDER BY e.code) AS estates,
       u.password_hash
  FROM users u
 WHERE lower(u.email) = lower(:email) AND u.disabled_at IS NULL AND u.email_confirmed_at IS NOT NULL
