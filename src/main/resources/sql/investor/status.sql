-- What an investor still lacks to hold plots in an OPEN offer (reservation_hold_set checks the same).
SELECT u.role, u.email_confirmed_at IS NOT NULL AS email_confirmed, u.national_id,
       u.documents_verified_at IS NOT NULL AS documents_verified,
       EXISTS (SELECT FROM open_deposit d WHERE d.investor_id = u.id AND d.refunded_at IS NULL) AS deposit_paid
  FROM users u
 WHERE u.id = :user
