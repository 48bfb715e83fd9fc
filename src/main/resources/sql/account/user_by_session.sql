-- The enabled user of an unexpired session, with the estates they manage and the session's CSRF token.
SELECT u.id, u.email, u.role,
       ARRAY(SELECT e.code FROM officer_estate oe JOIN estate e ON e.id = oe.estate_id
              WHERE oe.user_id = u.id ORDER BY e.code) AS estates,
       s.csrf_token
  FROM user_session s
  JOIN users u ON u.id = s.user_id
 WHERE s.id_hash = :hash AND s.expires_at > :now AND u.disabled_at IS NULL
