-- An offer, locked until commit (publish, close), with its estate's code.
SELECT o.id, e.code, o.mode, o.state, o.opens_at, o.closes_at, o.max_ranked, o.rules::text
  FROM offer o JOIN estate e ON e.id = o.estate_id
 WHERE o.id = :id
   FOR UPDATE OF o
