-- The one place a decision-log entry is written: the hold functions (R__reservation_hold.sql) and Java's
-- decision.DecisionLog (sql/decision/record.sql) all call decision_record. p_entries is a JSON array of entries,
-- written in array order, all at p_occurred_at; each entry's keys: actorId, actorRole, action, subjectType,
-- subjectId, estateCode, parcelIds, fromState, toState, reason, publicDetails, privateDetails (absent means null;
-- absent parcelIds and details mean none). Answers the new entries' seq, in order. The sealer
-- (R__decision_chain.sql) links them into the hash chain later.
-- PL/pgSQL rather than SQL for speed alone: PostgreSQL keeps a PL/pgSQL function's plan for the session, while it
-- plans a SQL function's body again on every call from another function.
CREATE OR REPLACE FUNCTION decision_record(p_occurred_at timestamptz, p_entries jsonb)
    RETURNS SETOF bigint
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS
$$
BEGIN
    RETURN QUERY
    INSERT INTO decision (occurred_at, actor_id, actor_role, action, subject_type, subject_id, estate_code,
                          parcel_ids, from_state, to_state, reason, public_details, private_details)
    SELECT p_occurred_at, e."actorId", e."actorRole", e.action, e."subjectType", e."subjectId", e."estateCode",
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
