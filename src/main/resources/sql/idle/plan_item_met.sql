-- Marks an open item of the case met; no row when it is not open or not the case's.
UPDATE revival_plan_item SET met_on = :on WHERE id = :itemId AND case_id = :caseId AND met_on IS NULL
