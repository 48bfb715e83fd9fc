-- A paid award's allocation of its plot to its winner (allocation_open: R__allocation_open.sql; its guards refuse an
-- unpaid hold, a second allocation and one before the objection window's end), and the winner's category policy.
SELECT allocation_open(NULL, h.id, a.investor_id, o.estate_id, ARRAY[h.parcel_id], CAST(:now AS timestamptz)),
       (round_application_policy(h.application_id)).code
  FROM round_award_hold h
  JOIN round_application a ON a.id = h.application_id
  JOIN offer o ON o.id = h.offer_id
 WHERE h.id = :hold
