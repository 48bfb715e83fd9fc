-- Accounts, hardened (issue 13): personal API tokens expire, and an administrator can disable an account.
-- The triggers that end a disabled account's sessions and tokens are in R__account_disabled.sql.

ALTER TABLE api_token ADD COLUMN expires_at timestamptz;
-- Tokens made before tokens expired last 90 days from this upgrade, and never more than a year after creation
-- (the limit below): a token older than a year ends now.
UPDATE api_token
   SET expires_at = least(greatest(created_at, now()) + interval '90 days', created_at + interval '366 days')
 WHERE expires_at IS NULL;
ALTER TABLE api_token
    ALTER COLUMN expires_at SET DEFAULT now() + interval '90 days',
    ALTER COLUMN expires_at SET NOT NULL,
    ADD CONSTRAINT api_token_expires_after_creation CHECK (expires_at > created_at),
    ADD CONSTRAINT api_token_expires_within_a_year CHECK (expires_at <= created_at + interval '366 days'),
    ADD CONSTRAINT api_token_revoked_after_creation CHECK (revoked_at IS NULL OR revoked_at >= created_at);

-- A disabled account cannot sign in, and its sessions and tokens end at once; enabling it again restores sign-in
-- (not the ended sessions and tokens).
ALTER TABLE users ADD COLUMN disabled_at timestamptz;
ALTER TABLE users ADD CONSTRAINT users_disabled_after_creation CHECK (disabled_at IS NULL OR disabled_at >= created_at);
