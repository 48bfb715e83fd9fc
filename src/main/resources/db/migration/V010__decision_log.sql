-- The decision log: every state change of a reservation, allocation, parcel or idle case, append-only and
-- hash-chained. Writers only insert, in the transaction of the change they record, and never wait for one
-- another. The sealer (decision_seal, run every second by the server and before every verification) then
-- links the committed entries, one at a time under a lock, into the chain: each sealed entry stores its
-- position, the previous entry's hash and the SHA-256 of its own canonical text with that previous hash, so
-- changing or removing any sealed entry breaks the chain from there on.

CREATE TABLE decision (
    seq             bigserial PRIMARY KEY,
    occurred_at     timestamptz NOT NULL DEFAULT now(),
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
    -- Filled in once, by the sealer.
    chain_pos       bigint UNIQUE,
    prev_hash       bytea CHECK (length(prev_hash) = 32),
    hash            bytea UNIQUE CHECK (length(hash) = 32),
    CONSTRAINT decision_sealed_whole CHECK ((chain_pos IS NULL) = (hash IS NULL) AND (hash IS NULL) = (prev_hash IS NULL))
);
CREATE INDEX decision_subject_idx ON decision (subject_type, subject_id);
CREATE INDEX decision_estate_idx ON decision (estate_code, seq);
CREATE INDEX decision_parcels_gin ON decision USING gin (parcel_ids);
CREATE INDEX decision_unsealed_idx ON decision (seq) WHERE hash IS NULL;

-- The exact text an entry's hash covers. The verifier reads it and recomputes SHA-256 itself.
CREATE FUNCTION decision_canonical(d decision) RETURNS text
    LANGUAGE sql IMMUTABLE AS
$$
SELECT concat_ws(E'\x1f',
                 d.chain_pos::text,
                 d.seq::text,
                 to_char(d.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                 coalesce(d.actor_id::text, ''),
                 d.actor_role, d.action, d.subject_type, d.subject_id,
                 coalesce(d.estate_code, ''),
                 d.parcel_ids::text,
                 coalesce(d.from_state, ''), coalesce(d.to_state, ''), coalesce(d.reason, ''),
                 d.public_details::text, d.private_details::text)
$$;

-- Links every committed, unsealed entry into the chain, in seq order, and returns how many it sealed.
-- SECURITY DEFINER: the service's own role may call it but has no UPDATE right on the table.
CREATE FUNCTION decision_seal() RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    last_pos  bigint;
    last_hash bytea;
    entry     decision%ROWTYPE;
    sealed    integer := 0;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('zamin.decision.seal'));
    SELECT chain_pos, hash INTO last_pos, last_hash
      FROM decision WHERE chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1;
    IF NOT FOUND THEN
        last_pos := 0;
        last_hash := decode(repeat('00', 32), 'hex');
    END IF;
    FOR entry IN SELECT * FROM decision WHERE hash IS NULL ORDER BY seq LOOP
        entry.chain_pos := last_pos + 1;
        entry.prev_hash := last_hash;
        entry.hash := sha256(last_hash || convert_to(decision_canonical(entry), 'UTF8'));
        UPDATE decision SET chain_pos = entry.chain_pos, prev_hash = entry.prev_hash, hash = entry.hash
         WHERE seq = entry.seq;
        last_pos := entry.chain_pos;
        last_hash := entry.hash;
        sealed := sealed + 1;
    END LOOP;
    RETURN sealed;
END
$$;

-- Entries are never changed or removed; the only update allowed is the sealer filling in the chain columns
-- of an unsealed entry, leaving its content exactly as it was.
CREATE FUNCTION decision_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
       AND (NEW.seq, NEW.occurred_at, NEW.actor_id, NEW.actor_role, NEW.action, NEW.subject_type, NEW.subject_id,
            NEW.estate_code, NEW.parcel_ids, NEW.from_state, NEW.to_state, NEW.reason, NEW.public_details,
            NEW.private_details)
           IS NOT DISTINCT FROM
           (OLD.seq, OLD.occurred_at, OLD.actor_id, OLD.actor_role, OLD.action, OLD.subject_type, OLD.subject_id,
            OLD.estate_code, OLD.parcel_ids, OLD.from_state, OLD.to_state, OLD.reason, OLD.public_details,
            OLD.private_details) THEN
        RETURN NEW;
    END IF;
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

-- Entries arrive sealed-to-be: a writer cannot forge chain columns.
CREATE FUNCTION decision_insert_unsealed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.chain_pos := NULL;
    NEW.prev_hash := NULL;
    NEW.hash := NULL;
    RETURN NEW;
END
$$;
CREATE TRIGGER decision_insert_unsealed
    BEFORE INSERT ON decision
    FOR EACH ROW EXECUTE FUNCTION decision_insert_unsealed();

REVOKE UPDATE, DELETE, TRUNCATE ON decision FROM PUBLIC;
