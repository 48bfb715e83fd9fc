-- Sets the plots of the given allocations IDLE; returns each changed plot with its allocation.
SELECT ap.allocation_id, changed.id
  FROM parcel_set_status(ARRAY(SELECT parcel_id FROM allocation_parcel
                                WHERE allocation_id = ANY (CAST(:allocations AS bigint[]))), 'IDLE') AS changed(id)
  JOIN allocation_parcel ap ON ap.parcel_id = changed.id
                            AND ap.allocation_id = ANY (CAST(:allocations AS bigint[]))
