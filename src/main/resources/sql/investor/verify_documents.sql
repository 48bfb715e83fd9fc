-- Staff mark an investor's documents verified: only an investor whose address is confirmed and who stated an
-- identity number. Returns the number's length (10: a person, 11: a company), or no row.
UPDATE users
   SET documents_verified_at = coalesce(documents_verified_at, :now),
       documents_verified_by = coalesce(documents_verified_by, :staff)
 WHERE id = :investor AND role = 'INVESTOR' AND national_id IS NOT NULL AND email_confirmed_at IS NOT NULL
RETURNING length(national_id)
