-- Which of the given allocations exist and are active (readings for others are refused).
SELECT id FROM allocation WHERE id = ANY(:ids) AND status = 'ACTIVE'
