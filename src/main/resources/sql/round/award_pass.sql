-- A hold passed on from the lapsed hold :from to the next in line (:application), due :payBy; the same plot, its
-- deposit under the new holder's category policy (the same per mille as the lapsed hold's).
INSERT INTO round_award_hold (offer_id, parcel_id, application_id, passed_from, deposit_amount, created_at, pay_by)
SELECT f.offer_id, f.parcel_id, :application, f.id, greatest(0, round_award_price(CAST(:application AS bigint), f.parcel_id)
       * :perMille / 1000), :now, :payBy
  FROM round_award_hold f
 WHERE f.id = :from
RETURNING id
