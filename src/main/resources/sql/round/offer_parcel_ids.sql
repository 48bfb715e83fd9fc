-- An offer's plot ids, in id order.
SELECT parcel_id FROM offer_parcel WHERE offer_id = :offer ORDER BY parcel_id
