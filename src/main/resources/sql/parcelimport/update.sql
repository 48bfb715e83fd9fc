-- Plots free to change (AVAILABLE, NOT_OFFERED): geometry and whatever attributes the file gives.
UPDATE parcel p
   SET geom = f.geom,
       land_use = coalesce(f.land_use, p.land_use),
       price_per_m2 = coalesce(f.price, p.price_per_m2),
       utilities = coalesce(f.utilities, p.utilities),
       updated_at = now()
  FROM import_feature f
  JOIN unnest(CAST(:numbers AS int[])) AS chosen(n) ON chosen.n = f.n
 WHERE p.estate_id = :estateId AND p.plot_number = f.plot_number
RETURNING p.id
