INSERT INTO working_group_agenda (session_id, case_id) VALUES (:sessionId, :caseId)
