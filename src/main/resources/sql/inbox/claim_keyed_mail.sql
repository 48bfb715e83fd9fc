-- Claims up to 100 keyed notifications whose e-mail has not been sent (oldest first), marking them sent, with what
-- the mail needs: the reader's address and language. A notice older than a day is not mailed (a server that gains
-- SMTP does not send a backlog of stale news); it stays in the inbox.
WITH due AS (
    SELECT id FROM notification
     WHERE message_key IS NOT NULL AND emailed_at IS NULL AND created_at > now() - interval '1 day'
     ORDER BY id
     LIMIT 100
       FOR UPDATE SKIP LOCKED
), claimed AS (
    UPDATE notification n SET emailed_at = now() FROM due WHERE n.id = due.id
    RETURNING n.id, n.user_id, n.message_key, n.params, n.link
)
SELECT c.id, c.message_key, c.params::text AS params, c.link, u.email, u.language
  FROM claimed c JOIN users u ON u.id = c.user_id
 ORDER BY c.id
