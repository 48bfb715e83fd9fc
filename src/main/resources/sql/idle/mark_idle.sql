-- Sets the plots of the given allocations IDLE; returns each changed plot with its allocation.
UPDATE parcel p SET status = 'IDLE', updated_at = now()
  FROM allocation_parcel ap
 WHERE ap.allocation_id = ANY(CAST(:allocations AS bigint[]))
   AND p.id = ap.parcel_id
   AND p.status <> 'IDLE'
RETURNING ap.allocation_id, p.id
