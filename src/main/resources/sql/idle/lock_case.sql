-- A case locked for the rest of the transaction, with what due process looks at.
SELECT allocation_id, state, sub_judice, reply_deadline, replied_at IS NOT NULL AS replied
  FROM idle_case WHERE id = :id FOR UPDATE
