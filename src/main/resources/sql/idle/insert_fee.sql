-- The idle fee for [:from, :to) on the contract's land price; the amount is the generated column (rounded down).
INSERT INTO idle_charge (case_id, allocation_id, kind, base, rate_bp, period_from, period_to, charged_on, charged_by,
                         created_at)
VALUES (:id, :allocation, 'IDLE_FEE', :base, :rateBp, :from, :to, :to, :by, :now)
RETURNING amount
