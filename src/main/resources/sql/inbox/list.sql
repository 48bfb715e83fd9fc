-- A user's newest 200 notifications, newest first (keys are the API's camelCase names).
SELECT id, kind, subject, body, link, created_at AS "createdAt", read_at AS "readAt"
  FROM notification
 WHERE user_id = :user
 ORDER BY created_at DESC, id DESC
 LIMIT 200
