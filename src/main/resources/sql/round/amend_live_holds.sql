-- The live (DUE or PAID) award holds of :offer, locked: id, plot, application, state.
SELECT h.id, h.parcel_id, h.application_id, h.state
  FROM round_award_hold h
 WHERE h.offer_id = :offer AND h.state IN ('DUE', 'PAID')
 ORDER BY h.id
   FOR UPDATE
