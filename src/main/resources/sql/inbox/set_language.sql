-- The language a user's e-mails are written in.
UPDATE users SET language = :language WHERE id = :user
