-- A reservation, locked until commit, with its estate's code.
SELECT r.id, r.investor_id, r.estate_id, e.code, r.status, r.hold_expires_at, r.deposit_amount
  FROM reservation r JOIN estate e ON e.id = r.estate_id
 WHERE r.id = :id
   FOR UPDATE OF r
