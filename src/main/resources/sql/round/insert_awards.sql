-- The allocation's winners: one row per won plot (one winner per plot per round is the primary key).
INSERT INTO round_award (offer_id, parcel_id, application_id)
SELECT :offer, w.parcel, w.application
  FROM unnest(CAST(:parcels AS bigint[]), CAST(:applications AS bigint[])) AS w (parcel, application)
