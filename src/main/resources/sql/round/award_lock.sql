-- One award hold, locked: the one :id, or the hold of investor :investor in offer :offer (at most one); with the end of
-- its offer's objection window.
SELECT h.id, h.offer_id, h.parcel_id, h.application_id, h.state, h.pay_by, h.deposit_amount, a.investor_id,
       e.code, p.plot_number, o.closed_at + make_interval(days => o.objection_days)
  FROM round_award_hold h
  JOIN round_application a ON a.id = h.application_id
  JOIN offer o ON o.id = h.offer_id
  JOIN estate e ON e.id = o.estate_id
  JOIN parcel p ON p.id = h.parcel_id
 WHERE (CAST(:id AS bigint) IS NULL OR h.id = :id)
   AND (CAST(:offer AS bigint) IS NULL OR (h.offer_id = :offer AND a.investor_id = :investor))
 ORDER BY h.id DESC
 LIMIT 1
   FOR UPDATE OF h
