-- Whether the allocation has an extension request still waiting for a decision.
SELECT EXISTS (SELECT 1 FROM extension_request WHERE allocation_id = :id AND status = 'REQUESTED')
