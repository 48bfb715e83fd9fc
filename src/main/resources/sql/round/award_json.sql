-- Award holds as JSON objects: the one :id, or every hold of offer :offer, in id order; with the terms of the holder's
-- category policy as the offer published it (R__category_policy.sql) and, once paid, the allocation it became.
SELECT json_build_object(
           'id', h.id,
           'offerId', h.offer_id,
           'parcelId', h.parcel_id,
           'plotNumber', p.plot_number,
           'applicationId', h.application_id,
           'passedFrom', h.passed_from,
           'state', h.state,
           'depositAmount', h.deposit_amount,
           'createdAt', h.created_at,
           'payBy', h.pay_by,
           'paidAt', h.paid_at,
           'sandbox', h.sandbox,
           'lapsedAt', h.lapsed_at,
           'revokedAt', h.revoked_at,
           'terms', json_build_object(
               'policy', pol.code,
               'listPrice', land_list_price(ARRAY[h.parcel_id]),
               'landPrice', category_policy_price(land_list_price(ARRAY[h.parcel_id]), pol.price_share_bp),
               'priceShareBp', pol.price_share_bp,
               'cashShareBp', pol.cash_share_bp,
               'graceMonths', pol.grace_months,
               'instalmentCount', pol.instalment_count,
               'intervalMonths', pol.interval_months,
               'forgivenBp', pol.forgiven_bp,
               'auctionExempt', pol.auction_exempt),
           'objectionsEnd', o.closed_at + make_interval(days => o.objection_days),
           'allocationId', al.id)::text
  FROM round_award_hold h
  JOIN parcel p ON p.id = h.parcel_id
  JOIN offer o ON o.id = h.offer_id
  LEFT JOIN LATERAL (SELECT (round_application_policy(h.application_id)).*) pol ON true
  LEFT JOIN allocation al ON al.award_hold_id = h.id
 WHERE (CAST(:id AS bigint) IS NULL OR h.id = :id)
   AND (CAST(:offer AS bigint) IS NULL OR h.offer_id = :offer)
 ORDER BY h.id
