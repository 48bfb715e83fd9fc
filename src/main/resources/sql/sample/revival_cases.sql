-- The open sample cases the revival sample takes (id % 4 IN (0, 1); the staged warnings take the others), at most 24
-- per province (Gilan and Qazvin), with their allocation, estate and province.
SELECT id, allocation_id, code, province_id
  FROM (SELECT c.id, c.allocation_id, e.code, e.province_id,
               row_number() OVER (PARTITION BY e.province_id ORDER BY c.id) AS n
          FROM idle_case c
          JOIN allocation a ON a.id = c.allocation_id
          JOIN estate e ON e.id = a.estate_id
         WHERE c.state = 'OPEN' AND NOT c.sub_judice AND e.code LIKE ANY (CAST(:samples AS text[]))
           AND c.id % 4 IN (0, 1)) x
 WHERE n <= 24
 ORDER BY id
