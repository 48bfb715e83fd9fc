INSERT INTO revival_plan_item (case_id, description, due_on, met_on, agency, agenda_id)
VALUES (:caseId, :description, :dueOn, :metOn, :agency, :agenda)
