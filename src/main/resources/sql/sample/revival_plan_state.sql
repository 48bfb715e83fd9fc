UPDATE idle_case SET state = 'REVIVAL_PLAN', updated_at = now() WHERE id = :caseId AND state = 'OPEN'
