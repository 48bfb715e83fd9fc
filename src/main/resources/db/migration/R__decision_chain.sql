-- The decision log's hash chain (table: V010__decision_log.sql). decision_canonical is the exact text an entry's
-- hash covers: its output must never change, or every existing log stops verifying.

-- The exact text an entry's hash covers. The verifier reads it and recomputes SHA-256 itself.
CREATE OR REPLACE FUNCTION decision_canonical(d decision) RETURNS text
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

-- Links every committed, unsealed entry into the chain, in seq order, and returns how many it sealed: each sealed
-- entry stores its position, the previous entry's hash and the SHA-256 of its canonical text with that hash. The
-- chain columns of all of them are written by one UPDATE (one per entry cost more of the database's time, under a
-- thousand reservations a second, than anything the reservations themselves did).
-- SECURITY DEFINER: the service's own role may call it but has no UPDATE right on the table.
CREATE OR REPLACE FUNCTION decision_seal() RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS
$$
DECLARE
    last_pos  bigint;
    last_hash bytea;
    entry     decision%ROWTYPE;
    seqs      bigint[] := '{}';
    positions bigint[] := '{}';
    prevs     bytea[] := '{}';
    hashes    bytea[] := '{}';
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
        seqs := seqs || entry.seq;
        positions := positions || entry.chain_pos;
        prevs := prevs || last_hash;
        last_hash := sha256(last_hash || convert_to(decision_canonical(entry), 'UTF8'));
        hashes := hashes || last_hash;
        last_pos := entry.chain_pos;
    END LOOP;
    UPDATE decision d
       SET chain_pos = u.pos, prev_hash = u.prev, hash = u.hash
      FROM unnest(seqs, positions, prevs, hashes) AS u (seq, pos, prev, hash)
     WHERE d.seq = u.seq;
    RETURN cardinality(seqs);
END
$$;
