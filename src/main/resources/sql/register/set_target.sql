-- An administrator sets a province's revival target for a year (replacing the previous one).
INSERT INTO revival_target (province_id, year, target, set_by, set_at)
SELECT pr.id, :year, :target, :by, :now FROM province pr WHERE pr.code = :province
ON CONFLICT (province_id, year) DO UPDATE SET target = EXCLUDED.target, set_by = EXCLUDED.set_by,
                                              set_at = EXCLUDED.set_at
