-- The current land value of an allocation's plots, in whole rials (as the contract price is computed).
SELECT coalesce(sum(round(p.area_m2 * p.price_per_m2))::bigint, 0)
  FROM allocation_parcel ap JOIN parcel p ON p.id = ap.parcel_id WHERE ap.allocation_id = :allocation
