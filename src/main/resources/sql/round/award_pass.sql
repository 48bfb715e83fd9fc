-- A hold passed on from the lapsed hold :from to the next in line (:application), due :payBy; same plot and deposit.
INSERT INTO round_award_hold (offer_id, parcel_id, application_id, passed_from, deposit_amount, created_at, pay_by)
SELECT f.offer_id, f.parcel_id, :application, f.id, f.deposit_amount, :now, :payBy
  FROM round_award_hold f
 WHERE f.id = :from
RETURNING id
