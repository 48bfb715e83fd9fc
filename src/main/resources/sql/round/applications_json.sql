-- Applications of one offer as JSON objects (round_application_json, R__round_application.sql), in id order;
-- :investor narrows to one investor's (null: all).
SELECT round_application_json(a)::text
  FROM round_application a
 WHERE a.offer_id = :offer
   AND (CAST(:investor AS bigint) IS NULL OR a.investor_id = :investor)
 ORDER BY a.id
