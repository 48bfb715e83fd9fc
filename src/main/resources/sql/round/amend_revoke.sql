-- A DUE hold whose plot an amendment gave to someone else is revoked by it.
UPDATE round_award_hold SET state = 'REVOKED', revoked_at = :now, revoked_by = :amendment WHERE id = :id AND state = 'DUE'
