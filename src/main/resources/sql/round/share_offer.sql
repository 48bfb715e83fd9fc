-- An offer, share-locked until commit (an application: the close waits for it, or it waits for the close).
SELECT o.id, e.code, o.mode, o.state, o.opens_at, o.closes_at, o.max_ranked, o.rules::text
  FROM offer o JOIN estate e ON e.id = o.estate_id
 WHERE o.id = :id
   FOR SHARE OF o
