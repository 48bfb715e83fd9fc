-- The plots of a draft offer.
INSERT INTO offer_parcel (offer_id, parcel_id)
SELECT :offer, unnest(CAST(:ids AS bigint[]))
