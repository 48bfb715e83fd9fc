-- A round's applications as its document states them, in id order.
SELECT a.id, a.ranking, a.activity_isic, a.investment, a.jobs, a.knowledge_based, a.export_share_pct
  FROM round_application a
 WHERE a.offer_id = :offer
 ORDER BY a.id
