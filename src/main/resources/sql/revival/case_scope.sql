-- An idle case with what the revival desk checks: its state, estate, province and holder.
SELECT c.id, c.state, c.allocation_id, a.investor_id, e.code AS estate_code, e.province_id
  FROM idle_case c
  JOIN allocation a ON a.id = c.allocation_id
  JOIN estate e ON e.id = a.estate_id
 WHERE c.id = :id
