-- The area of an allocation's plots.
SELECT coalesce(sum(p.area_m2), 0) FROM allocation_parcel ap JOIN parcel p ON p.id = ap.parcel_id
 WHERE ap.allocation_id = :id
