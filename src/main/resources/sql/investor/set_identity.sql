-- An investor states their identity number (checked by the CHECK of R__investor_identity.sql, one account per
-- number); refused (no row) once staff verified the documents, unless it is the same number. Returns the account's id.
UPDATE users
   SET national_id = :nationalId
 WHERE id = :user AND role = 'INVESTOR' AND (documents_verified_at IS NULL OR national_id = :nationalId)
RETURNING id
