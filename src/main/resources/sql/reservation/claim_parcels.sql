-- Claims those of the requested plots that are still AVAILABLE: they are RESERVED from here on (rolled back
-- with the transaction if the reservation fails). Concurrent claimers of a plot queue on its row only until the
-- first commits, then find it no longer AVAILABLE and return without it: no lock is held by the losers, so a
-- crowd pressing "reserve" on one plot gets its answers at once instead of one after another.
UPDATE parcel p
   SET status = 'RESERVED', updated_at = now()
  FROM estate e
 WHERE e.id = p.estate_id
   AND p.id = ANY(CAST(:ids AS bigint[]))
   AND p.status = 'AVAILABLE'
RETURNING p.id, p.plot_number, p.status, p.estate_id, e.code AS estate_code,
          round(p.area_m2 * p.price_per_m2)::bigint AS price
