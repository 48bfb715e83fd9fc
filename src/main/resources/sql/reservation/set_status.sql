-- A reservation's next status (the trigger of R__reservation_transition.sql refuses what the lifecycle does not
-- allow), with when it was submitted or closed, who decided, and why.
UPDATE reservation
   SET status = :to,
       submitted_at = CASE WHEN :to = 'SUBMITTED' THEN :now ELSE submitted_at END,
       closed_at = CASE WHEN :to <> 'SUBMITTED' THEN :now ELSE closed_at END,
       decided_by = coalesce(:decidedBy, decided_by),
       reason = coalesce(:reason, reason)
 WHERE id = :id
