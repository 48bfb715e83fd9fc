-- The shipped samples' plots shown RESERVED with nothing holding them (a sample loaded by an earlier version, or
-- loaded now): each gets a submitted reservation of a demo investor.
SELECT p.id, p.estate_id FROM parcel p JOIN estate e ON e.id = p.estate_id
 WHERE e.code LIKE ANY (CAST(:samples AS text[])) AND p.status = 'RESERVED'
   AND NOT EXISTS (SELECT 1 FROM reservation_parcel rp WHERE rp.parcel_id = p.id AND rp.active)
   AND NOT EXISTS (SELECT 1 FROM offer_parcel op JOIN offer o ON o.id = op.offer_id
                    WHERE op.parcel_id = p.id AND o.state <> 'CLOSED')
 ORDER BY p.id
