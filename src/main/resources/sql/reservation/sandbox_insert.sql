-- A session the sandbox gateway was asked to take.
INSERT INTO sandbox_payment (token, purpose, amount, return_url, created_at)
VALUES (:token, :purpose, :amount, :returnUrl, :at)
