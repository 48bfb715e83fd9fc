-- Ends one session (sign-out).
DELETE FROM user_session WHERE id_hash = :hash
