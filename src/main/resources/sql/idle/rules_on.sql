-- The due-process rules in force on :day for the estate class of allocation :allocation (idle_rules_on).
SELECT r.cure_days, r.idle_fee_bp_per_year, r.extension_slice_months, r.extension_cap_months,
       r.extension_slice_price_bp
  FROM allocation a JOIN estate e ON e.id = a.estate_id, idle_rules_on(e.kind, :day) r
 WHERE a.id = :allocation
