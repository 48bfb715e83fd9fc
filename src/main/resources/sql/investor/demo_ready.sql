-- Demo mode only: a demo investor gets a demo identity number, verified by the demo administrator (or by itself when
-- there is none), unless it has one already. Returns the investor's id.
UPDATE users u
   SET national_id = :nationalId,
       documents_verified_at = now(),
       documents_verified_by = coalesce((SELECT a.id FROM users a WHERE a.email = 'admin@demo.zamin.ir'), u.id)
 WHERE lower(u.email) = lower(:email) AND u.role = 'INVESTOR' AND u.national_id IS NULL
RETURNING u.id
