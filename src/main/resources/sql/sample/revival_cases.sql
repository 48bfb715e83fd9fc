-- The open Gilan sample cases the revival sample takes (id % 4 IN (0, 1); the staged warnings take the others),
-- with their allocation, estate and province.
SELECT c.id, c.allocation_id, e.code, e.province_id
  FROM idle_case c
  JOIN allocation a ON a.id = c.allocation_id
  JOIN estate e ON e.id = a.estate_id
 WHERE c.state = 'OPEN' AND NOT c.sub_judice AND e.code LIKE 'GIL-%' AND c.id % 4 IN (0, 1)
 ORDER BY c.id
 LIMIT 24
