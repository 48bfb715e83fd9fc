-- An investor's requests as a JSON array (open first, newest first; :only picks one), each with its place, its
-- matches so far (newest 20: the plot, its estate, its status now, the request's place in line) and how many plots
-- it accepts that are available now.
SELECT coalesce(json_agg(r ORDER BY r."open" DESC, r."createdAt" DESC, r.id DESC), '[]')::text
  FROM (
    SELECT d.id, d.withdrawn_at IS NULL AS "open", d.created_at AS "createdAt", d.withdrawn_at AS "withdrawnAt",
           pr.code AS province, pr.name AS "provinceName", pr.name_fa AS "provinceNameFa",
           (SELECT coalesce(json_agg(json_build_object('code', e.code, 'name', e.name, 'nameFa', e.name_fa)
                                     ORDER BY e.code), '[]')
              FROM estate e WHERE e.id = ANY (d.estate_ids)) AS estates,
           d.min_area_m2 AS "minAreaM2", d.max_area_m2 AS "maxAreaM2", d.land_use AS "landUse",
           d.utilities, d.activity,
           (SELECT count(*) FROM parcel p JOIN estate e ON e.id = p.estate_id
             WHERE p.status = 'AVAILABLE'
               AND demand_accepts(d, p.estate_id, e.province_id, p.area_m2, p.land_use, p.utilities)) AS "availableNow",
           (SELECT coalesce(json_agg(m ORDER BY m."matchedAt" DESC, m."parcelId"), '[]')
              FROM (SELECT dm.parcel_id AS "parcelId", p.plot_number AS plot, e.code AS estate,
                           e.name AS "estateName", e.name_fa AS "estateNameFa", p.status, dm.position,
                           dm.matched_at AS "matchedAt", round(p.area_m2) AS "areaM2"
                      FROM demand_match dm
                      JOIN parcel p ON p.id = dm.parcel_id
                      JOIN estate e ON e.id = p.estate_id
                     WHERE dm.demand_id = d.id
                     ORDER BY dm.matched_at DESC, dm.parcel_id
                     LIMIT 20) m) AS matches
      FROM demand d
      LEFT JOIN province pr ON pr.id = d.province_id
     WHERE d.investor_id = :investor AND (CAST(:only AS bigint) IS NULL OR d.id = :only)
  ) r
