-- The decision log: every state change of a reservation, allocation, parcel or idle case, append-only and
-- hash-chained. Each entry's hash covers its content and the previous entry's hash, so changing or removing
-- any entry breaks the chain from there on. Appends are serialised by an advisory lock held to commit, which
-- also makes seq gap-free and the chain order the commit order.

CREATE TABLE decision (
    seq             bigint PRIMARY KEY,
    occurred_at     timestamptz NOT NULL,
    actor_id        bigint,
    actor_role      text NOT NULL CHECK (actor_role ~ '^[a-z]+$'),
    action          text NOT NULL CHECK (action ~ '^[a-z_]+\.[a-z_]+$'),
    subject_type    text NOT NULL CHECK (subject_type ~ '^[a-z_]+$'),
    subject_id      text NOT NULL,
    estate_code     text,
    parcel_ids      bigint[] NOT NULL DEFAULT '{}',
    from_state      text,
    to_state        text,
    reason          text,
    -- What anyone may read; never personal data.
    public_details  jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(public_details) = 'object'),
    -- Personal or internal data, for staff only.
    private_details jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(private_details) = 'object'),
    prev_hash       bytea NOT NULL CHECK (length(prev_hash) = 32),
    hash            bytea NOT NULL UNIQUE CHECK (length(hash) = 32)
);
CREATE INDEX decision_subject_idx ON decision (subject_type, subject_id);
CREATE INDEX decision_estate_idx ON decision (estate_code, seq);
CREATE INDEX decision_parcels_gin ON decision USING gin (parcel_ids);

-- The exact text an entry's hash covers. The verifier reads it and recomputes SHA-256 itself.
CREATE FUNCTION decision_canonical(d decision) RETURNS text
    LANGUAGE sql IMMUTABLE AS
$$
SELECT concat_ws(E'\x1f',
                 d.seq::text,
                 to_char(d.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                 coalesce(d.actor_id::text, ''),
                 d.actor_role, d.action, d.subject_type, d.subject_id,
                 coalesce(d.estate_code, ''),
                 d.parcel_ids::text,
                 coalesce(d.from_state, ''), coalesce(d.to_state, ''), coalesce(d.reason, ''),
                 d.public_details::text, d.private_details::text)
$$;

CREATE FUNCTION decision_chain() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    last decision%ROWTYPE;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('zamin.decision.chain'));
    SELECT * INTO last FROM decision ORDER BY seq DESC LIMIT 1;
    IF FOUND THEN
        NEW.seq := last.seq + 1;
        NEW.prev_hash := last.hash;
    ELSE
        NEW.seq := 1;
        NEW.prev_hash := decode(repeat('00', 32), 'hex');
    END IF;
    NEW.occurred_at := coalesce(NEW.occurred_at, now());
    NEW.hash := sha256(NEW.prev_hash || convert_to(decision_canonical(NEW), 'UTF8'));
    RETURN NEW;
END
$$;

CREATE TRIGGER decision_chain
    BEFORE INSERT ON decision
    FOR EACH ROW EXECUTE FUNCTION decision_chain();

CREATE FUNCTION decision_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'the decision log is append-only: ' || TG_OP || ' is not allowed';
END
$$;

CREATE TRIGGER decision_no_update_delete
    BEFORE UPDATE OR DELETE ON decision
    FOR EACH ROW EXECUTE FUNCTION decision_append_only();
CREATE TRIGGER decision_no_truncate
    BEFORE TRUNCATE ON decision
    FOR EACH STATEMENT EXECUTE FUNCTION decision_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON decision FROM PUBLIC;
