-- A round's applications as its document states them, in id order (the ranking as text: RoundRepository.ids reads it).
SELECT a.id, a.ranking::text, a.activity_isic, a.investment, a.jobs, a.knowledge_based, a.export_share_pct
  FROM round_application a
 WHERE a.offer_id = :offer
 ORDER BY a.id
