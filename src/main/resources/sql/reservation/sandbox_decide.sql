-- The payer confirmed or cancelled on the sandbox page; a session is decided once.
UPDATE sandbox_payment SET state = :state, reference = :reference, decided_at = :at
 WHERE token = :token AND state = 'OPEN'
