-- How many open requests the investor has, counted under a lock on the investor's row, so two registrations at
-- once cannot both pass the cap.
SELECT (SELECT count(*) FROM demand WHERE investor_id = u.id AND withdrawn_at IS NULL)
  FROM users u
 WHERE u.id = :investor
   FOR UPDATE
