-- An objection of an offer, locked until commit, with its outcome (null: not answered yet).
SELECT r.id, r.application_id, r.outcome
  FROM round_objection r
 WHERE r.id = :id AND r.offer_id = :offer
   FOR UPDATE
