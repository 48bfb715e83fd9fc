-- Revokes one of the user's own tokens; no row when it is not theirs or already revoked.
UPDATE api_token SET revoked_at = greatest(:now, created_at)
 WHERE id = :id AND user_id = :user AND revoked_at IS NULL
