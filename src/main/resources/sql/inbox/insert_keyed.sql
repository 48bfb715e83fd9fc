-- A keyed notification (message key and parameters) in a user's inbox, its e-mail handled by the writer (marked so
-- the outbox, which mails what the database wrote itself, leaves it); returns the user's e-mail address and language
-- for the mail that follows it.
INSERT INTO notification (user_id, kind, message_key, params, link, created_at, emailed_at)
VALUES (:user, :kind, :key, CAST(:params AS jsonb), :link, :at, :at)
RETURNING (SELECT email FROM users WHERE id = :user) AS email, (SELECT language FROM users WHERE id = :user) AS language
