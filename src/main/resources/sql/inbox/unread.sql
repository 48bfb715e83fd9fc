-- How many of a user's notifications are unread.
SELECT count(*) FROM notification WHERE user_id = :user AND read_at IS NULL
