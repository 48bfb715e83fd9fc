-- An allocation's idle charges (V740 idle_charge: idle fee lines and paid extension slices), oldest first, with the
-- amount in whole rials as the database computed it. An idle fee covers the days [periodFrom, periodTo); an
-- extension bought `slices` of `sliceMonths` months each. Every charge is on the contract's balance and UNPAID: no
-- payment path takes idle charges yet (the one place to change when one does).
SELECT ch.id, ch.case_id AS "caseId", ch.kind, ch.amount, ch.rate_bp AS "rateBp",
       ch.period_from::text AS "periodFrom", ch.period_to::text AS "periodTo",
       (ch.period_to - ch.period_from) AS days,
       ch.slices, ch.months / ch.slices AS "sliceMonths", ch.months,
       ch.charged_on::text AS "chargedOn",
       'UNPAID' AS status
  FROM idle_charge ch
 WHERE ch.allocation_id = :id
 ORDER BY ch.charged_on, ch.id
