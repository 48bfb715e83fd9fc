-- The decision log is append-only (table: V010__decision_log.sql), and so are its signed checkpoints (V530);
-- entries are linked into the chain by the sealer alone (R__decision_chain.sql).

-- Entries are never changed or removed; the only update allowed is the sealer filling in the chain columns
-- of an unsealed entry, leaving its content exactly as it was.
CREATE OR REPLACE FUNCTION decision_append_only() RETURNS trigger
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

DROP TRIGGER IF EXISTS decision_no_update_delete ON decision;
CREATE TRIGGER decision_no_update_delete
    BEFORE UPDATE OR DELETE ON decision
    FOR EACH ROW EXECUTE FUNCTION decision_append_only();
DROP TRIGGER IF EXISTS decision_no_truncate ON decision;
CREATE TRIGGER decision_no_truncate
    BEFORE TRUNCATE ON decision
    FOR EACH STATEMENT EXECUTE FUNCTION decision_append_only();

-- Entries arrive sealed-to-be: a writer cannot forge chain columns.
CREATE OR REPLACE FUNCTION decision_insert_unsealed() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.chain_pos := NULL;
    NEW.prev_hash := NULL;
    NEW.hash := NULL;
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS decision_insert_unsealed ON decision;
CREATE TRIGGER decision_insert_unsealed
    BEFORE INSERT ON decision
    FOR EACH ROW EXECUTE FUNCTION decision_insert_unsealed();


-- Signed checkpoints (V530) are kept like the entries they vouch for: added, never changed or removed.
CREATE OR REPLACE FUNCTION decision_checkpoint_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'decision checkpoints are append-only: ' || TG_OP || ' is not allowed';
END
$$;
DROP TRIGGER IF EXISTS decision_checkpoint_no_update_delete ON decision_checkpoint;
CREATE TRIGGER decision_checkpoint_no_update_delete
    BEFORE UPDATE OR DELETE ON decision_checkpoint
    FOR EACH ROW EXECUTE FUNCTION decision_checkpoint_append_only();
DROP TRIGGER IF EXISTS decision_checkpoint_no_truncate ON decision_checkpoint;
CREATE TRIGGER decision_checkpoint_no_truncate
    BEFORE TRUNCATE ON decision_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION decision_checkpoint_append_only();
