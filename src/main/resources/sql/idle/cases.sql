-- Idle cases an officer may see (their estates; admins all), highest score first, with the plots and the revival
-- plan of each.
SELECT c.id, c.allocation_id AS "allocationId", c.state, c.score, c.evidence::text AS evidence,
       c.opened_as_of::text AS "openedAsOf", c.reply_deadline::text AS "replyDeadline",
       c.replied_at AS "repliedAt", c.reply, c.sub_judice AS "subJudice", e.code AS estate,
       u.name AS holder, u.organisation AS "holderOrganisation",
       (SELECT json_agg(json_build_object('id', p.id, 'plotNumber', p.plot_number,
               'status', p.status, 'areaM2', round(p.area_m2::numeric, 1),
               'centroid', json_build_array(round(ST_X(ST_Centroid(p.geom))::numeric, 6),
                                            round(ST_Y(ST_Centroid(p.geom))::numeric, 6))))::text
          FROM allocation_parcel ap JOIN parcel p ON p.id = ap.parcel_id
         WHERE ap.allocation_id = a.id) AS parcels,
       (SELECT json_agg(json_build_object('id', pi.id, 'description', pi.description, 'agency', pi.agency,
               'dueOn', pi.due_on, 'effectiveDueOn', revival_item_effective_due(pi, CAST(:today AS date)),
               'metOn', pi.met_on) ORDER BY pi.due_on, pi.id)::text
          FROM revival_plan_item pi WHERE pi.case_id = c.id) AS plan,
       idle_case_stopped_days(c.id, CAST(:today AS date)) AS "stoppedDays",
       idle_case_government_caused(c.id, CAST(:today AS date)) AS "governmentCaused",
       (SELECT json_agg(json_build_object('id', d.id, 'visitedOn', d.visited_on, 'causes', d.causes,
               'evidence', d.evidence, 'recommendation', d.recommendation, 'adviser', du.name) ORDER BY d.id)::text
          FROM idle_diagnosis d JOIN users du ON du.id = d.adviser_id WHERE d.case_id = c.id) AS diagnoses,
       pv.id AS "provinceId", pv.name AS province, pv.name_fa AS "provinceFa"
  FROM idle_case c
  JOIN allocation a ON a.id = c.allocation_id
  JOIN estate e ON e.id = a.estate_id
  JOIN province pv ON pv.id = e.province_id
  JOIN users u ON u.id = a.investor_id
 WHERE (NOT :scoped OR e.code = ANY(CAST(:estates AS text[])))
   AND (CAST(:state AS text) IS NULL OR c.state = :state)
   AND (NOT :openOnly OR c.state IN ('OPEN', 'NOTICE_SERVED', 'REVIVAL_PLAN'))
 ORDER BY c.score DESC, c.id
 LIMIT 1000
