-- Every account for `./zamin user list`: role, estates, when it was made and whether it is disabled.
SELECT u.id, u.email, u.name, u.role, u.created_at, u.disabled_at,
       ARRAY(SELECT e.code FROM officer_estate oe JOIN estate e ON e.id = oe.estate_id
              WHERE oe.user_id = u.id ORDER BY e.code) AS estates
  FROM users u
 ORDER BY u.id
