-- A new objection (one per application: round_objection_one_per_application).
INSERT INTO round_objection (offer_id, application_id, text, filed_at)
VALUES (:offer, :application, :text, :now)
RETURNING id
