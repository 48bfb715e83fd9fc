-- One sandbox session.
SELECT token, purpose, amount, return_url, state, reference, decided_at FROM sandbox_payment WHERE token = :token
