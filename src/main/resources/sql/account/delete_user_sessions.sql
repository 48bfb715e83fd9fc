-- Ends every browser session of a user (after a password reset).
DELETE FROM user_session WHERE user_id = :user
