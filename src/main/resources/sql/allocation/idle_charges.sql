-- An allocation's idle charges (V740 idle_charge: idle fee lines and paid extension slices), oldest first, with the
-- amount in whole rials as the database computed it. An idle fee covers the days [periodFrom, periodTo); an
-- extension bought `slices` of `sliceMonths` months each. Every charge is on the contract's balance from the day it
-- is charged until it is paid through the gateway (V756 idle_charge_payment): status UNPAID or PAID, with the receipt.
SELECT ch.id, ch.case_id AS "caseId", ch.kind, ch.amount, ch.rate_bp AS "rateBp",
       ch.period_from::text AS "periodFrom", ch.period_to::text AS "periodTo",
       (ch.period_to - ch.period_from) AS days,
       ch.slices, ch.months / ch.slices AS "sliceMonths", ch.months,
       ch.charged_on::text AS "chargedOn",
       CASE WHEN p.charge_id IS NULL THEN 'UNPAID' ELSE 'PAID' END AS status,
       s.token AS receipt,
       to_char(p.paid_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "paidAt"
  FROM idle_charge ch
  LEFT JOIN idle_charge_payment p ON p.charge_id = ch.id
  LEFT JOIN payment_session s ON s.id = p.session_id
 WHERE ch.allocation_id = :id
 ORDER BY ch.charged_on, ch.id
