-- Where a user's mail goes, and in which language.
SELECT email, language FROM users WHERE id = :user
