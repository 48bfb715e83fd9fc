-- A user's newest 200 notifications, newest first (keys are the API's camelCase names). A keyed notification has
-- messageKey and params (rendered in the reader's language by the page) instead of subject and body.
SELECT id, kind, subject, body, message_key AS "messageKey", params::text AS params, link,
       created_at AS "createdAt", read_at AS "readAt"
  FROM notification
 WHERE user_id = :user
 ORDER BY created_at DESC, id DESC
 LIMIT 200
