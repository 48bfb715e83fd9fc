-- Which of the given allocations exist and are active, with their estate (readings for others are refused).
SELECT a.id, e.code AS estate_code
  FROM allocation a JOIN estate e ON e.id = a.estate_id
 WHERE a.id = ANY(:ids) AND a.status = 'ACTIVE'
