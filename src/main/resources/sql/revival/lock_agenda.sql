-- An agenda entry locked for its decision, with its session's province, day and members.
SELECT g.id, g.decision, s.id AS session_id, s.province_id, s.held_on, s.members
  FROM working_group_agenda g JOIN working_group_session s ON s.id = g.session_id
 WHERE g.session_id = :sessionId AND g.case_id = :caseId
   FOR UPDATE OF g
