-- A notification in a user's inbox; returns the user's e-mail address for the mail that follows it.
INSERT INTO notification (user_id, kind, subject, body, link, created_at)
VALUES (:user, :kind, :subject, :body, :link, :at)
RETURNING (SELECT email FROM users WHERE id = :user)
