INSERT INTO revival_plan_item (case_id, description, due_on) VALUES (:caseId, :description, :dueOn)
