-- The officer's answer to an objection, once.
UPDATE round_objection
   SET outcome = :outcome, answer = :answer, answered_by = :by, answered_at = :now
 WHERE id = :id AND outcome IS NULL
