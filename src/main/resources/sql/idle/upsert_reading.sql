-- One month's utility reading of an allocation; a re-import of the month replaces it.
INSERT INTO utility_reading (allocation_id, month, electricity_kwh, water_m3, imported_at)
VALUES (:a, :m, :k, :w, :at)
ON CONFLICT (allocation_id, month) DO UPDATE
   SET electricity_kwh = excluded.electricity_kwh, water_m3 = excluded.water_m3,
       imported_at = excluded.imported_at
