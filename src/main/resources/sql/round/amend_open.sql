-- A DUE hold for a winner an amendment added: the plot's deposit under the winner's category policy, due as the close's holds were, and
-- at least :paymentDays after now.
INSERT INTO round_award_hold (offer_id, parcel_id, application_id, deposit_amount, created_at, pay_by)
SELECT o.id, p.id, :application, greatest(0, round_award_price(CAST(:application AS bigint), p.id) * :perMille / 1000), :now,
       greatest(o.closed_at + make_interval(days => o.objection_days + o.payment_days),
                CAST(:now AS timestamptz) + make_interval(days => o.payment_days))
  FROM offer o JOIN parcel p ON p.id = :parcel
 WHERE o.id = :offer
RETURNING id
