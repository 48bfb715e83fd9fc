-- What shows a case's unit back in production: the operating licence reached, and since the case opened either an
-- inspection whose latest finding is ACTIVE or a month's electricity at or above the estate class's idle threshold.
SELECT EXISTS (SELECT 1 FROM milestone m WHERE m.allocation_id = c.allocation_id AND m.kind = 'OPERATING_LICENCE'
                  AND m.achieved_on IS NOT NULL) AS licensed,
       coalesce((SELECT i.finding = 'ACTIVE' FROM inspection i
                  WHERE i.allocation_id = c.allocation_id AND i.inspected_on >= c.opened_as_of
                  ORDER BY i.inspected_on DESC, i.id DESC LIMIT 1), false) AS active_inspection,
       EXISTS (SELECT 1 FROM utility_reading r
                 JOIN allocation a ON a.id = r.allocation_id
                 JOIN estate e ON e.id = a.estate_id
                 JOIN idle_rules ir ON ir.estate_kind = e.kind
                WHERE r.allocation_id = c.allocation_id AND r.month >= date_trunc('month', c.opened_as_of)::date
                  AND r.electricity_kwh >= ir.electricity_threshold_kwh) AS metered_use
  FROM idle_case c WHERE c.id = :id
