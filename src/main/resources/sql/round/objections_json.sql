-- An offer's objections (or the one :id) as JSON objects, in id order. The objection's text only where :withText (staff of the
-- estate) or to the investor who filed it (:investor); everyone sees the application id, dates, outcome and answer.
SELECT json_build_object(
           'id', r.id,
           'applicationId', r.application_id,
           'filedAt', r.filed_at,
           'text', CASE WHEN :withText OR a.investor_id = CAST(:investor AS bigint) THEN r.text END,
           'outcome', r.outcome,
           'answer', r.answer,
           'answeredAt', r.answered_at)::text
  FROM round_objection r JOIN round_application a ON a.id = r.application_id
 WHERE r.offer_id = :offer
   AND (CAST(:id AS bigint) IS NULL OR r.id = :id)
 ORDER BY r.id
