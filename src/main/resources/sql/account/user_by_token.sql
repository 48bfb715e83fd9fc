-- The enabled user of an unrevoked, unexpired API token, with the estates they manage and when the token was last
-- used.
SELECT u.id, u.email, u.role,
       ARRAY(SELECT e.code FROM officer_estate oe JOIN estate e ON e.id = oe.estate_id
              WHERE oe.user_id = u.id ORDER BY e.code) AS estates,
       t.id AS token_id, t.last_used_at
  FROM api_token t
  JOIN users u ON u.id = t.user_id
 WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND t.expires_at > :now AND u.disabled_at IS NULL
