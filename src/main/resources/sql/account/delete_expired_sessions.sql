-- Forgets sessions that have ended.
DELETE FROM user_session WHERE expires_at <= :now
