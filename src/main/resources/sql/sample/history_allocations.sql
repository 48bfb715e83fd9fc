-- The shipped samples' allocations with what their past needs: the plot and its status now, the reservation, the
-- day the contract was signed and the days construction started and the operating licence came (if they did).
SELECT a.id AS allocation_id, a.reservation_id, p.id AS parcel_id, e.code AS estate, p.status, c.signed_on,
       started.achieved_on AS started_on, licensed.achieved_on AS licensed_on
  FROM allocation a
  JOIN allocation_parcel ap ON ap.allocation_id = a.id
  JOIN parcel p ON p.id = ap.parcel_id
  JOIN estate e ON e.id = a.estate_id
  JOIN allocation_contract c ON c.allocation_id = a.id
  LEFT JOIN milestone started ON started.allocation_id = a.id AND started.kind = 'CONSTRUCTION_START'
  LEFT JOIN milestone licensed ON licensed.allocation_id = a.id AND licensed.kind = 'OPERATING_LICENCE'
 WHERE e.code LIKE ANY (CAST(:samples AS text[]))
 ORDER BY a.id
