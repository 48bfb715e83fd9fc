-- Disables (:disabled_at a time) or enables (null) the account with this address; returns its id. Disabling ends
-- its sessions and tokens at once (trigger in R__account_disabled.sql); disabling twice keeps the first time.
UPDATE users SET disabled_at = CASE WHEN CAST(:disabled_at AS timestamptz) IS NULL THEN NULL
                                    ELSE coalesce(disabled_at, greatest(CAST(:disabled_at AS timestamptz), created_at))
                               END
 WHERE lower(email) = lower(:email)
RETURNING id
