-- A case moved to :state; a decision (:close) also closes it, after which the database refuses any change.
UPDATE idle_case
   SET state = :state, updated_at = :now, closed_at = CASE WHEN :close THEN CAST(:now AS timestamptz) ELSE closed_at END
 WHERE id = :id
