-- The one way a decision-log entry is written. The service's database role has no INSERT on the table (db/AppRole):
-- it calls decision_record, which takes the time from the transaction (now()) and the actor from the session, never
-- from the caller's entries. The hold functions (R__reservation_hold.sql) write their own entries through
-- decision_insert, naming the investor of each hold they make. The sealer (R__decision_chain.sql) links entries
-- into the hash chain later.
-- PL/pgSQL rather than SQL for speed alone: PostgreSQL keeps a PL/pgSQL function's plan for the session, while it
-- plans a SQL function's body again on every call from another function.

-- The caller chose the time and the actor in the first version; that door is closed.
DROP FUNCTION IF EXISTS decision_record(timestamptz, jsonb);

-- Writes p_entries (a JSON array, in array order) at the transaction's time: each entry's keys are actorId,
-- actorRole, action, subjectType, subjectId, estateCode, parcelIds, fromState, toState, reason, publicDetails,
-- privateDetails (absent means null; absent parcelIds and details mean none). Answers the new entries' seq, in order.
-- Not callable by the service's role (EXECUTE revoked below): only the owner's functions that derive the actor
-- themselves (decision_record, reservation_hold_set) call it.
CREATE OR REPLACE FUNCTION decision_insert(p_entries jsonb)
    RETURNS SETOF bigint
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS
$$
BEGIN
    RETURN QUERY
    INSERT INTO decision (occurred_at, actor_id, actor_role, action, subject_type, subject_id, estate_code,
                          parcel_ids, from_state, to_state, reason, public_details, private_details)
    SELECT now(), e."actorId", e."actorRole", e.action, e."subjectType", e."subjectId", e."estateCode",
           coalesce(e."parcelIds", '{}'), e."fromState", e."toState", e.reason, coalesce(e."publicDetails", '{}'),
           coalesce(e."privateDetails", '{}')
      FROM ROWS FROM (jsonb_to_recordset(p_entries)
                      AS ("actorId" bigint, "actorRole" text, action text, "subjectType" text, "subjectId" text,
                          "estateCode" text, "parcelIds" bigint[], "fromState" text, "toState" text, reason text,
                          "publicDetails" jsonb, "privateDetails" jsonb)) WITH ORDINALITY AS e
     ORDER BY e.ordinality
    RETURNING seq;
END
$$;
REVOKE ALL ON FUNCTION decision_insert(jsonb) FROM PUBLIC;

-- Who the session says is acting: the settings zamin.actor_id and zamin.actor_role, set for the transaction by the
-- server from the signed-in user (decision.DecisionLog). With no user id the actor is the system; with one, the user
-- must exist and the role must be that user's own, so a real user cannot be shown in a role they do not hold.
CREATE OR REPLACE FUNCTION decision_session_actor(OUT actor_id bigint, OUT actor_role text)
    LANGUAGE plpgsql STABLE AS
$$
DECLARE
    claimed_id   text := nullif(current_setting('zamin.actor_id', true), '');
    claimed_role text := coalesce(nullif(current_setting('zamin.actor_role', true), ''), 'system');
BEGIN
    IF claimed_id IS NULL THEN
        IF claimed_role <> 'system' THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                MESSAGE = 'decision log: only the system acts without a user id, not ' || claimed_role;
        END IF;
        actor_role := 'system';
        RETURN;
    END IF;
    SELECT u.id, lower(u.role) INTO actor_id, actor_role FROM users u WHERE u.id = claimed_id::bigint;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'decision log: no user ' || claimed_id;
    END IF;
    IF actor_role <> claimed_role THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'decision log: user ' || claimed_id || ' is ' || actor_role || ', not ' || claimed_role;
    END IF;
END
$$;

-- The one body of both writers (decision_record and decision_record_legacy): stamps every entry with the session's
-- actor (decision_session_actor), drops any occurredAt the caller sent (the time is the transaction's) and appends
-- the entries in order through decision_insert. Not callable by the service's role; the writers run as its owner.
CREATE OR REPLACE FUNCTION decision_insert_as_session(p_entries jsonb)
    RETURNS SETOF bigint
    LANGUAGE plpgsql SET search_path = public, pg_temp AS
$$
DECLARE
    actor record;
BEGIN
    SELECT * INTO actor FROM decision_session_actor();
    RETURN QUERY
    SELECT decision_insert((SELECT jsonb_agg((e - 'occurredAt')
                                              || jsonb_build_object('actorId', actor.actor_id,
                                                                    'actorRole', actor.actor_role)
                                              ORDER BY o)
                              FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS x (e, o)));
END
$$;
REVOKE ALL ON FUNCTION decision_insert_as_session(jsonb) FROM PUBLIC;

-- The service's writer: p_entries as for decision_insert, but any actorId, actorRole (or occurredAt) in them is
-- replaced by the session's actor (decision_session_actor), and the time is the transaction's. It writes no legacy
-- record and no occurredOn: those come only through decision_record_legacy (R__decision_legacy.sql).
-- SECURITY DEFINER: the service's role may call it but may not insert into the table itself.
CREATE OR REPLACE FUNCTION decision_record(p_entries jsonb)
    RETURNS SETOF bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    SET plan_cache_mode = force_generic_plan AS
$$
BEGIN
    -- Past events come only through the legacy import (decision_record_legacy, R__decision_legacy.sql).
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_entries) e
                WHERE e ->> 'action' = 'legacy.imported' OR (e -> 'publicDetails') ? 'occurredOn') THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'decision log: a past event is recorded through the legacy import, not as a decision';
    END IF;
    RETURN QUERY SELECT decision_insert_as_session(p_entries);
END
$$;
