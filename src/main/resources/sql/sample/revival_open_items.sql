-- The items of a case's revival plan not met yet.
SELECT id FROM revival_plan_item WHERE case_id = :caseId AND met_on IS NULL ORDER BY id
