-- Working-group sessions with a unit of the caller's estates on their agenda (all for admins), newest first, each
-- with the agenda entries of the cases the caller may see and their decisions.
SELECT s.id, s.province_id AS "provinceId", pv.name AS province, pv.name_fa AS "provinceFa",
       s.held_on::text AS "heldOn", array_to_json(s.members)::text AS members,
       (SELECT json_agg(json_build_object('caseId', g.case_id, 'allocationId', c.allocation_id, 'estate', e.code,
               'state', c.state, 'decision', g.decision, 'bankName', g.bank_name,
               'facilityRials', g.facility_rials, 'note', g.note, 'decidedAt', g.decided_at,
               'plots', (SELECT string_agg(p.plot_number, ', ' ORDER BY p.plot_number)
                           FROM allocation_parcel ap JOIN parcel p ON p.id = ap.parcel_id
                          WHERE ap.allocation_id = c.allocation_id)) ORDER BY g.id)::text
          FROM working_group_agenda g
          JOIN idle_case c ON c.id = g.case_id
          JOIN allocation a ON a.id = c.allocation_id
          JOIN estate e ON e.id = a.estate_id
         WHERE g.session_id = s.id AND (NOT :scoped OR e.code = ANY(CAST(:estates AS text[])))) AS agenda
  FROM working_group_session s
  JOIN province pv ON pv.id = s.province_id
 WHERE NOT :scoped OR EXISTS (SELECT 1 FROM working_group_agenda g
                               JOIN idle_case c ON c.id = g.case_id
                               JOIN allocation a ON a.id = c.allocation_id
                               JOIN estate e ON e.id = a.estate_id
                              WHERE g.session_id = s.id AND e.code = ANY(CAST(:estates AS text[])))
 ORDER BY s.held_on DESC, s.id DESC
 LIMIT 200
