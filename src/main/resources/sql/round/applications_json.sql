-- Applications of one offer as JSON objects, in id order; :investor narrows to one investor's (null: all).
SELECT json_build_object(
           'id', a.id,
           'offerId', a.offer_id,
           'ranking', a.ranking,
           'activity', a.activity_isic,
           'investment', a.investment,
           'jobs', a.jobs,
           'knowledgeBased', a.knowledge_based,
           'exportSharePct', a.export_share_pct,
           'submittedAt', a.submitted_at,
           'updatedAt', a.updated_at)::text
  FROM round_application a
 WHERE a.offer_id = :offer
   AND (CAST(:investor AS bigint) IS NULL OR a.investor_id = :investor)
 ORDER BY a.id
