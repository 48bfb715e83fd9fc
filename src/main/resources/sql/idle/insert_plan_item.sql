INSERT INTO revival_plan_item (case_id, description, due_on, agency) VALUES (:caseId, :description, :dueOn, :agency)
