-- A case as its holder and staff see it on the contract page: its state, the stopped clock and whether the delay is
-- government-caused, the plan items (agency, due day, the day the holder's items are due after the stopped clock,
-- status as of :today), the working group's decisions and the advisers' diagnoses.
SELECT c.id, c.state, c.opened_as_of::text AS "openedAsOf",
       idle_case_stopped_days(c.id, CAST(:today AS date)) AS "stoppedDays",
       idle_case_government_caused(c.id, CAST(:today AS date)) AS "governmentCaused",
       (SELECT json_agg(json_build_object('id', x.id, 'description', x.description, 'agency', x.agency,
               'dueOn', x.due_on, 'effectiveDueOn', x.eff, 'metOn', x.met_on,
               'status', CASE WHEN x.met_on IS NOT NULL AND x.met_on <= x.eff THEN 'MET'
                              WHEN x.met_on IS NOT NULL THEN 'MET_LATE'
                              WHEN CAST(:today AS date) > x.eff THEN 'MISSED'
                              ELSE 'PENDING' END) ORDER BY x.due_on, x.id)::text
          FROM (SELECT pi.*, revival_item_effective_due(pi, CAST(:today AS date)) AS eff
                  FROM revival_plan_item pi WHERE pi.case_id = c.id) x) AS plan,
       (SELECT json_agg(json_build_object('heldOn', s.held_on, 'province', pv.name, 'provinceFa', pv.name_fa,
               'decision', g.decision, 'bankName', g.bank_name, 'facilityRials', g.facility_rials, 'note', g.note)
               ORDER BY s.held_on, g.id)::text
          FROM working_group_agenda g JOIN working_group_session s ON s.id = g.session_id
          JOIN province pv ON pv.id = s.province_id
         WHERE g.case_id = c.id AND g.decision IS NOT NULL) AS decisions,
       (SELECT json_agg(json_build_object('visitedOn', d.visited_on, 'causes', d.causes,
               'recommendation', d.recommendation, 'evidence', d.evidence) ORDER BY d.id)::text
          FROM idle_diagnosis d WHERE d.case_id = c.id) AS diagnoses
  FROM idle_case c WHERE c.id = :id
