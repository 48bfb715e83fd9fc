-- Accounts: users with one role each, officers' estate scope, browser sessions and personal API tokens.
-- Secrets (session ids, API tokens) are stored only as SHA-256 hashes; passwords only as Argon2id hashes.

CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    email         text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254),
    name          text NOT NULL CHECK (btrim(name) <> ''),
    organisation  text NOT NULL DEFAULT '',
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('INVESTOR', 'OFFICER', 'PLANNER', 'ADMIN')),
    created_at    timestamptz NOT NULL DEFAULT now()
);
-- One account per address, whatever its letter case.
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));

-- The estates an officer manages; officers see and decide only these estates' reservations.
CREATE TABLE officer_estate (
    user_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    estate_id int NOT NULL REFERENCES estate (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, estate_id)
);
CREATE INDEX officer_estate_estate_idx ON officer_estate (estate_id);

CREATE TABLE user_session (
    id_hash    bytea PRIMARY KEY CHECK (length(id_hash) = 32),
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
    csrf_token text NOT NULL CHECK (length(csrf_token) >= 32)
);
CREATE INDEX user_session_user_idx ON user_session (user_id);
CREATE INDEX user_session_expires_idx ON user_session (expires_at);

CREATE TABLE api_token (
    id           bigserial PRIMARY KEY,
    token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 100),
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_token_user_idx ON api_token (user_id);
