-- A round's plots as its document states them: id, number, geodesic area rounded to whole m², land use; id order.
SELECT p.id, p.plot_number, round(p.area_m2)::bigint, p.land_use
  FROM offer_parcel op JOIN parcel p ON p.id = op.parcel_id
 WHERE op.offer_id = :offer
 ORDER BY p.id
