-- The close opens a DUE deposit hold for each published winner of :offer: to be paid by the end of the objection
-- window plus the offer's payment_days; the deposit is the plot's price under the winner's category policy
-- (round_award_price, R__category_policy.sql) × :perMille / 1000, as a reservation's.
WITH opened AS (
    INSERT INTO round_award_hold (offer_id, parcel_id, application_id, deposit_amount, created_at, pay_by)
    SELECT w.offer_id, w.parcel_id, w.application_id,
           greatest(0, round_award_price(w.application_id, w.parcel_id) * :perMille / 1000),
           :now, CAST(:now AS timestamptz) + make_interval(days => o.objection_days + o.payment_days)
      FROM round_award w JOIN offer o ON o.id = w.offer_id
     WHERE w.offer_id = :offer
    RETURNING id
)
SELECT id FROM opened ORDER BY id
