-- Offers as JSON objects, newest first. Drafts only for staff of their estate (:allEstates, or :estates);
-- :id, :estate and :state narrow. The seed itself is never read here: it appears only in the closed round's document.
SELECT json_build_object(
           'id', o.id,
           'estate', e.code,
           'mode', o.mode,
           'state', o.state,
           'opensAt', o.opens_at,
           'closesAt', o.closes_at,
           'maxRanked', o.max_ranked,
           'rules', o.rules,
           'parcelIds', (SELECT coalesce(json_agg(op.parcel_id ORDER BY op.parcel_id), '[]')
                           FROM offer_parcel op WHERE op.offer_id = o.id),
           'plots', (SELECT coalesce(json_agg(json_build_object('id', p.id, 'plotNumber', p.plot_number,
                                                                'areaM2', round(p.area_m2), 'landUse', p.land_use)
                                              ORDER BY p.id), '[]')
                       FROM offer_parcel op JOIN parcel p ON p.id = op.parcel_id WHERE op.offer_id = o.id),
           'createdAt', o.created_at,
           'publishedAt', o.published_at,
           'seedCommitment', encode(o.seed_commitment, 'hex'),
           'closedAt', o.closed_at,
           'documentSha256', encode(coalesce((SELECT l.document_sha256 FROM round_amendment l WHERE l.offer_id = o.id
                                               ORDER BY l.version DESC LIMIT 1), o.document_sha256), 'hex'),
           'documentVersion', CASE WHEN o.state = 'CLOSED' THEN
               1 + (SELECT count(*) FROM round_amendment l WHERE l.offer_id = o.id) END,
           'objectionDays', o.objection_days,
           'objectionsCloseAt', o.closed_at + make_interval(days => o.objection_days),
           'applications', (SELECT count(*) FROM round_application a WHERE a.offer_id = o.id))::text
  FROM offer o JOIN estate e ON e.id = o.estate_id
 WHERE (CAST(:id AS bigint) IS NULL OR o.id = :id)
   AND (CAST(:estate AS text) IS NULL OR e.code = :estate)
   AND (CAST(:state AS text) IS NULL OR o.state = :state)
   AND (o.state <> 'DRAFT' OR :allEstates OR e.code = ANY (CAST(:estates AS text[])))
 ORDER BY o.id DESC
 LIMIT :limit
