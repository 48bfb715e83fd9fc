-- A user's unrevoked API tokens (never their secrets), newest first; expired ones too, marked by expires_at.
SELECT id, name, created_at, expires_at, last_used_at
  FROM api_token
 WHERE user_id = :user AND revoked_at IS NULL
 ORDER BY created_at DESC, id DESC
