INSERT INTO idle_diagnosis (case_id, adviser_id, visited_on, causes, evidence, recommendation, created_at)
VALUES (:caseId, :adviserId, :visitedOn, CAST(:causes AS text[]), :evidence, :recommendation, :now)
RETURNING id
