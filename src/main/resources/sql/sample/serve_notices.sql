-- The open cases of the RECLAIMING sample plots are served a notice; returns case, plot and estate code.
UPDATE idle_case c SET state = 'NOTICE_SERVED', notice_served_at = now(),
       reply_deadline = CAST(:today AS date) + 10 + (c.id % 30)::int, updated_at = now()
  FROM allocation_parcel ap JOIN parcel p ON p.id = ap.parcel_id
 WHERE ap.allocation_id = c.allocation_id AND c.state = 'OPEN'
   AND p.id = ANY(:reclaiming)
RETURNING c.id, p.id, (SELECT code FROM estate WHERE id = p.estate_id)
