-- Paid extension slices on the plots' current land value; the amount is the generated column (rounded down); the
-- trigger idle_charge_guard keeps the allocation's months within :cap.
INSERT INTO idle_charge (case_id, allocation_id, kind, base, rate_bp, slices, months, cap_months, charged_on,
                         charged_by, created_at)
VALUES (:id, :allocation, 'EXTENSION', :base, :rateBp, :slices, :months, :cap, :today, :by, :now)
RETURNING amount
