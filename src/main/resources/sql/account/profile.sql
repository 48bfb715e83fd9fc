-- A user's profile as GET /api/me shows it, with the estates they manage.
SELECT u.id, u.email, u.role,
       ARRAY(SELECT e.code FROM officer_estate oe JOIN estate e ON e.id = oe.estate_id
              WHERE oe.user_id = u.id ORDER BY e.code) AS estates,
       u.name, u.organisation
  FROM users u
 WHERE u.id = :id
