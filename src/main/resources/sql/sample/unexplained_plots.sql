-- Plots whose status has no record behind it, in the estates whose code is LIKE :estates: a RESERVED plot without an
-- active reservation or an open offer or award of an allocation round, an ALLOCATED, UNDER_CONSTRUCTION or
-- IN_PRODUCTION plot without an active allocation, an IDLE or RECLAIMING plot without an active allocation whose
-- idle case is still open. AVAILABLE and NOT_OFFERED need no record. Nothing should ever be listed.
SELECT p.id, e.code AS estate, p.plot_number, p.status
  FROM parcel p JOIN estate e ON e.id = p.estate_id
 WHERE e.code LIKE :estates
   AND CASE
       WHEN p.status = 'RESERVED' THEN NOT (
            EXISTS (SELECT 1 FROM reservation_parcel rp WHERE rp.parcel_id = p.id AND rp.active)
            OR EXISTS (SELECT 1 FROM offer_parcel op JOIN offer o ON o.id = op.offer_id
                        WHERE op.parcel_id = p.id AND o.state <> 'CLOSED')
            OR EXISTS (SELECT 1 FROM round_award ra WHERE ra.parcel_id = p.id))
       WHEN p.status IN ('ALLOCATED', 'UNDER_CONSTRUCTION', 'IN_PRODUCTION') THEN NOT EXISTS (
            SELECT 1 FROM allocation_parcel ap JOIN allocation a ON a.id = ap.allocation_id
             WHERE ap.parcel_id = p.id AND a.status = 'ACTIVE')
       WHEN p.status IN ('IDLE', 'RECLAIMING') THEN NOT EXISTS (
            SELECT 1 FROM allocation_parcel ap JOIN allocation a ON a.id = ap.allocation_id
              JOIN idle_case c ON c.allocation_id = a.id
             WHERE ap.parcel_id = p.id AND a.status = 'ACTIVE' AND c.state NOT IN ('RECLAIMED', 'DISMISSED'))
       ELSE false
       END
 ORDER BY p.id
