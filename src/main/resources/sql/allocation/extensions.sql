-- An allocation's extension requests, newest first (keys are the API's camelCase names).
SELECT id, months, reason, status, requested_at AS "requestedAt", decided_at AS "decidedAt",
       decision_reason AS "decisionReason"
  FROM extension_request
 WHERE allocation_id = :id
 ORDER BY id DESC
