-- An allocation's last 24 monthly utility readings, newest first.
SELECT to_char(month, 'YYYY-MM') AS month, electricity_kwh AS "electricityKwh", water_m3 AS "waterM3"
  FROM utility_reading
 WHERE allocation_id = :id
 ORDER BY month DESC
 LIMIT 24
