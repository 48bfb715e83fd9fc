-- Uses a confirmation token (once, before it expires) and confirms its account's address; returns the account's id,
-- or no row for an unknown, used or expired token.
WITH used AS (
    UPDATE email_confirmation
       SET used_at = :now
     WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now
    RETURNING user_id
)
UPDATE users u
   SET email_confirmed_at = coalesce(u.email_confirmed_at, :now)
  FROM used
 WHERE u.id = used.user_id
RETURNING u.id
