-- After amend_awards.sql: the amendment's winners not yet awarded.
INSERT INTO round_award (offer_id, parcel_id, application_id)
SELECT :offer, w.parcel, w.winner
  FROM unnest(CAST(:parcels AS bigint[]), CAST(:winners AS bigint[])) AS w (parcel, winner)
 WHERE NOT EXISTS (SELECT 1 FROM round_award a WHERE a.offer_id = :offer AND a.parcel_id = w.parcel)
