-- Records the decision on an extension request.
UPDATE extension_request SET status = :status, decided_by = :by, decided_at = :at, decision_reason = :why
 WHERE id = :request
