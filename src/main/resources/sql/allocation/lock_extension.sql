-- One extension request of the allocation, locked until the transaction ends.
SELECT months, status FROM extension_request WHERE id = :request AND allocation_id = :id FOR UPDATE
