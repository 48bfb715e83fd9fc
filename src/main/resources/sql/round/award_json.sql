-- Award holds as JSON objects: the one :id, or every hold of offer :offer, in id order.
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
           'revokedAt', h.revoked_at)::text
  FROM round_award_hold h JOIN parcel p ON p.id = h.parcel_id
 WHERE (CAST(:id AS bigint) IS NULL OR h.id = :id)
   AND (CAST(:offer AS bigint) IS NULL OR h.offer_id = :offer)
 ORDER BY h.id
