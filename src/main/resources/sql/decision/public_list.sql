-- The public part of the decision log, newest first, as one JSON document.
WITH page AS (
    SELECT d.*
      FROM decision d
     WHERE (CAST(:estate AS text) IS NULL OR d.estate_code = :estate)
       AND (CAST(:parcel AS bigint) IS NULL OR d.parcel_ids @> ARRAY[CAST(:parcel AS bigint)])
       AND (CAST(:subjectType AS text) IS NULL OR d.subject_type = :subjectType)
       AND (CAST(:subjectId AS text) IS NULL OR d.subject_id = :subjectId)
       AND (CAST(:before AS bigint) IS NULL OR d.seq < :before)
     ORDER BY d.seq DESC
     LIMIT :limit
)
SELECT json_build_object(
           'decisions', coalesce(json_agg(json_build_object(
               'seq', seq,
               'occurredAt', occurred_at,
               'actorRole', actor_role,
               'action', action,
               'subjectType', subject_type,
               'subjectId', subject_id,
               'estate', estate_code,
               'parcelIds', parcel_ids,
               'fromState', from_state,
               'toState', to_state,
               'reason', reason,
               'reasonKey', CAST(:reasonKeys AS jsonb) ->> reason,
               'details', public_details,
               'chainPos', chain_pos,
               'hash', encode(hash, 'hex'),
               'prevHash', encode(prev_hash, 'hex')) ORDER BY seq DESC), '[]'),
           'nextBefore', CASE WHEN count(*) = :limit THEN min(seq) END)::text
  FROM page
