-- A disabled account (users.disabled_at, V520__account_hardening.sql) keeps no way in: disabling it ends its
-- sessions and revokes its API tokens in the same statement, and no session or token can be made for it. The
-- service's own queries also ignore a disabled account's sessions and tokens (sql/account/user_by_*.sql).

CREATE OR REPLACE FUNCTION account_disabled_ends_access() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.disabled_at IS NOT NULL AND OLD.disabled_at IS NULL THEN
        DELETE FROM user_session WHERE user_id = NEW.id;
        UPDATE api_token SET revoked_at = greatest(NEW.disabled_at, created_at)
         WHERE user_id = NEW.id AND revoked_at IS NULL;
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS users_disabled_ends_access ON users;
CREATE TRIGGER users_disabled_ends_access
    AFTER UPDATE OF disabled_at ON users
    FOR EACH ROW EXECUTE FUNCTION account_disabled_ends_access();

CREATE OR REPLACE FUNCTION account_refuse_disabled() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id AND disabled_at IS NOT NULL) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = 'account ' || NEW.user_id || ' is disabled: no session or token can be made for it';
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS user_session_refuse_disabled ON user_session;
CREATE TRIGGER user_session_refuse_disabled
    BEFORE INSERT ON user_session
    FOR EACH ROW EXECUTE FUNCTION account_refuse_disabled();
DROP TRIGGER IF EXISTS api_token_refuse_disabled ON api_token;
CREATE TRIGGER api_token_refuse_disabled
    BEFORE INSERT ON api_token
    FOR EACH ROW EXECUTE FUNCTION account_refuse_disabled();
