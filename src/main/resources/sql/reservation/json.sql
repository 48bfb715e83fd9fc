-- Reservations as JSON objects, newest first: one by id, an investor's own, or an officer's estates'.
SELECT json_build_object(
           'id', r.id,
           'status', r.status,
           'estate', e.code,
           'estateName', e.name,
           'estateNameFa', e.name_fa,
           'investorId', r.investor_id,
           'investorName', u.name,
           'investorOrganisation', u.organisation,
           'activity', r.activity_isic,
           'investment', r.investment,
           'jobs', r.jobs,
           'knowledgeBased', r.knowledge_based,
           'depositAmount', r.deposit_amount,
           'createdAt', r.created_at,
           'holdExpiresAt', r.hold_expires_at,
           'submittedAt', r.submitted_at,
           'closedAt', r.closed_at,
           'reason', r.reason,
           'parcels', (SELECT json_agg(json_build_object(
                                   'id', p.id, 'plotNumber', p.plot_number, 'areaM2', round(p.area_m2::numeric, 1),
                                   'status', p.status) ORDER BY p.id)
                         FROM reservation_parcel rp JOIN parcel p ON p.id = rp.parcel_id
                        WHERE rp.reservation_id = r.id),
           'bbox', (SELECT json_build_array(ST_XMin(x.b), ST_YMin(x.b), ST_XMax(x.b), ST_YMax(x.b))
                      FROM (SELECT ST_Extent(p.geom) AS b
                              FROM reservation_parcel rp JOIN parcel p ON p.id = rp.parcel_id
                             WHERE rp.reservation_id = r.id) x),
           'payment', (SELECT json_build_object('gateway', pm.gateway, 'amount', pm.amount, 'sandbox', pm.sandbox,
                                                'receipt', pm.receipt, 'paidAt', pm.paid_at,
                                                'refundStatus', pm.refund_status)
                         FROM payment pm WHERE pm.reservation_id = r.id),
           'allocationId', (SELECT a.id FROM allocation a WHERE a.reservation_id = r.id),
           'investorHoldings', json_build_object(
               'openReservations', (SELECT count(*) FROM reservation o
                                     WHERE o.investor_id = r.investor_id AND o.id <> r.id
                                       AND o.status IN ('HELD', 'SUBMITTED')),
               'allocations', (SELECT count(*) FROM allocation a
                                WHERE a.investor_id = r.investor_id AND a.status = 'ACTIVE'))
       )::text
  FROM reservation r
  JOIN estate e ON e.id = r.estate_id
  JOIN users u ON u.id = r.investor_id
 WHERE (CAST(:id AS bigint) IS NULL OR r.id = :id)
   AND (CAST(:investor AS bigint) IS NULL OR r.investor_id = :investor)
   AND (NOT :scoped OR e.code = ANY(CAST(:estates AS text[])))
   AND (cardinality(CAST(:statuses AS text[])) = 0 OR r.status = ANY(CAST(:statuses AS text[])))
 ORDER BY r.id DESC
 LIMIT :limit
