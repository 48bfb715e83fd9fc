-- A new standing request; returns its id.
INSERT INTO demand (investor_id, province_id, estate_ids, min_area_m2, max_area_m2, land_use, utilities, activity,
                    created_at)
VALUES (:investor, :province, :estates, :min, :max, :landUse, :utilities, :activity, :at)
RETURNING id
