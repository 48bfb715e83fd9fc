-- Allocations as JSON objects, newest first: one by id, or all a Visibility sees (:investor its owner id or
-- null; :scoped with :estates the estates it sees when it is estate-scoped).
SELECT json_build_object(
           'id', a.id,
           'reservationId', a.reservation_id,
           'awardHoldId', a.award_hold_id,
           'investorId', a.investor_id,
           'investorName', u.name,
           'investorOrganisation', u.organisation,
           'estate', e.code,
           'estateName', e.name,
           'estateNameFa', e.name_fa,
           'status', a.status,
           'createdAt', a.created_at,
           'parcels', (SELECT json_agg(json_build_object('id', p.id, 'plotNumber', p.plot_number,
                                                         'areaM2', round(p.area_m2::numeric, 1), 'status', p.status)
                                       ORDER BY p.id)
                         FROM allocation_parcel ap JOIN parcel p ON p.id = ap.parcel_id
                        WHERE ap.allocation_id = a.id)
       )::text
  FROM allocation a
  JOIN estate e ON e.id = a.estate_id
  JOIN users u ON u.id = a.investor_id
 WHERE (CAST(:id AS bigint) IS NULL OR a.id = :id)
   AND (CAST(:investor AS bigint) IS NULL OR a.investor_id = :investor)
   AND (NOT :scoped OR e.code = ANY(CAST(:estates AS text[])))
 ORDER BY a.id DESC
 LIMIT :limit
