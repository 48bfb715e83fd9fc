-- A new reservation (a hold) in one database call, and many of them in one transaction.
--
-- reservation_hold is the one place the rules of a hold live; reservation_hold_many, the call the server makes for
-- the applications that arrive together (reservation.ReservationService batches them), applies it to each in turn.
-- Profiling showed that the rows a hold writes cost little and that the conversation cost the rest, so the whole
-- hold is one function and a batch one call in one transaction: group commit, done by the application. The
-- one-active-reservation index of V101 remains the guarantee underneath.
--
-- The helpers are PL/pgSQL rather than SQL functions for speed alone: PostgreSQL keeps a PL/pgSQL function's query
-- plans for the session, while it plans a SQL function's body again on every call from another function.

DROP FUNCTION IF EXISTS reservation_hold_independent(jsonb, integer, integer, timestamptz, timestamptz);

-- A stored answer to an Idempotency-Key: the same request gets it again, another request under the key is refused.
CREATE OR REPLACE FUNCTION reservation_replay(answer idempotency_key, p_request_hash bytea) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS
$$
SELECT CASE WHEN answer.request_hash = p_request_hash
            THEN jsonb_build_object('outcome', 'replay', 'body', answer.response_body)
            ELSE jsonb_build_object('outcome', 'key_reused') END
$$;

-- The requested plots as they are now (no lock), to say why they cannot be reserved.
CREATE OR REPLACE FUNCTION reservation_parcel_states(p_parcels bigint[]) RETURNS jsonb
    LANGUAGE plpgsql STABLE AS
$$
BEGIN
RETURN (SELECT coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'plotNumber', p.plot_number, 'status', p.status)
                                  ORDER BY p.id), '[]')
          FROM parcel p
         WHERE p.id = ANY (p_parcels));
END
$$;

-- Whether the plots form one block: every plot reachable from the first through plots of the set that touch
-- (share an edge or a corner).
CREATE OR REPLACE FUNCTION parcels_form_one_block(p_parcels bigint[]) RETURNS boolean
    LANGUAGE plpgsql STABLE AS
$$
BEGIN
RETURN (WITH RECURSIVE reach (id) AS (
    SELECT min(id) FROM parcel WHERE id = ANY (p_parcels)
    UNION
    SELECT q.id
      FROM reach r
      JOIN parcel p ON p.id = r.id
      JOIN parcel q ON q.id = ANY (p_parcels) AND q.id <> p.id
                   AND q.geom && ST_Expand(p.geom, 1e-7) AND ST_DWithin(p.geom, q.geom, 1e-7)
)
SELECT count(*) = cardinality(p_parcels) FROM reach);
END
$$;

-- The rules of a hold. One application: p_parcels distinct and sorted, the other fields validated by the server.
-- In order:
--   1. a replay of an Idempotency-Key answers as the first request did (or 'key_reused' for another body);
--   2. plots that are plainly taken or unknown ('unavailable', with their states), of several estates
--      ('different_estates') or not one block ('not_adjacent') answer before any lock: what the crowd that lost a
--      race for a popular plot gets;
--   3. the investor's row is locked until commit, so one investor's requests are checked one at a time: the
--      replay again, then the cap ('cap', with the open count);
--   4. the plots still AVAILABLE become RESERVED (parcel_set_status): a single plot by one conditional update
--      (concurrent claimers queue on its row until the first commits, then find it taken), several after locking
--      them all in id order, so that a request takes all of its plots or none and writes nothing when it takes none;
--   5. the reservation, its plots, the answer kept for the key, and the decision-log entry (decision_record) are
--      written.
-- Answers 'held' with the new reservation's document (reservation_document, as GET /api/reservations/{id} shows it).
-- Every statement inside looks rows up by key, so one generic plan each serves every call.
CREATE OR REPLACE FUNCTION reservation_hold(p_investor bigint, p_key text, p_request_hash bytea, p_parcels bigint[],
                                            p_activity text, p_investment bigint, p_jobs integer,
                                            p_knowledge_based boolean, p_cap integer, p_deposit_per_mille integer,
                                            p_now timestamptz, p_expires timestamptz)
    RETURNS jsonb
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS
$$
DECLARE
    answer      idempotency_key%ROWTYPE;
    available   integer;
    estates     integer;
    open_now    integer;
    investor    users%ROWTYPE;
    plot_estate estate%ROWTYPE;
    price       bigint;
    deposit     bigint;
    plots       text[];
    allocations bigint;
    new_id      bigint;
    body        text;
BEGIN
    SELECT * INTO answer FROM idempotency_key WHERE user_id = p_investor AND key = p_key;
    IF FOUND THEN
        RETURN reservation_replay(answer, p_request_hash);
    END IF;

    SELECT count(*) FILTER (WHERE status = 'AVAILABLE'), count(DISTINCT estate_id)
      INTO available, estates
      FROM parcel WHERE id = ANY (p_parcels);
    IF available < cardinality(p_parcels) THEN
        RETURN jsonb_build_object('outcome', 'unavailable', 'parcels', reservation_parcel_states(p_parcels));
    ELSIF estates > 1 THEN
        RETURN jsonb_build_object('outcome', 'different_estates');
    ELSIF cardinality(p_parcels) > 1 AND NOT parcels_form_one_block(p_parcels) THEN
        RETURN jsonb_build_object('outcome', 'not_adjacent');
    END IF;

    SELECT * INTO investor FROM users WHERE id = p_investor FOR NO KEY UPDATE;
    SELECT * INTO answer FROM idempotency_key WHERE user_id = p_investor AND key = p_key;
    IF FOUND THEN
        RETURN reservation_replay(answer, p_request_hash);
    END IF;
    SELECT count(*) INTO open_now FROM reservation
     WHERE investor_id = p_investor AND status IN ('HELD', 'SUBMITTED');
    IF open_now >= p_cap THEN
        RETURN jsonb_build_object('outcome', 'cap', 'open', open_now);
    END IF;

    IF cardinality(p_parcels) > 1 THEN
        PERFORM FROM parcel WHERE id = ANY (p_parcels) ORDER BY id FOR NO KEY UPDATE;
        IF (SELECT count(*) FROM parcel WHERE id = ANY (p_parcels) AND status = 'AVAILABLE')
               < cardinality(p_parcels) THEN
            RETURN jsonb_build_object('outcome', 'unavailable', 'parcels', reservation_parcel_states(p_parcels));
        END IF;
    END IF;
    PERFORM FROM parcel_set_status(p_parcels, 'RESERVED', ARRAY['AVAILABLE']);
    IF NOT FOUND THEN
        RETURN jsonb_build_object('outcome', 'unavailable', 'parcels', reservation_parcel_states(p_parcels));
    END IF;

    SELECT e.* INTO plot_estate FROM estate e WHERE e.id = (SELECT estate_id FROM parcel WHERE id = p_parcels[1]);
    SELECT sum(round(p.area_m2 * p.price_per_m2)::bigint), array_agg(p.plot_number ORDER BY p.id),
           (SELECT count(*) FROM allocation WHERE investor_id = p_investor AND status = 'ACTIVE')
      INTO price, plots, allocations
      FROM parcel p WHERE p.id = ANY (p_parcels);
    new_id := nextval('reservation_id_seq');
    deposit := greatest(0, price * p_deposit_per_mille / 1000);
    body := reservation_document(
        new_id, 'HELD', plot_estate.code, plot_estate.name, plot_estate.name_fa, p_investor, investor.name,
        investor.organisation, p_activity, p_investment, p_jobs, p_knowledge_based, deposit, p_now, p_expires,
        NULL, NULL, NULL, p_parcels, NULL, NULL, open_now, allocations)::text;
    WITH reservation_row AS (
        INSERT INTO reservation (id, investor_id, estate_id, status, activity_isic, investment, jobs,
                                 knowledge_based, deposit_amount, created_at, hold_expires_at)
        VALUES (new_id, p_investor, plot_estate.id, 'HELD', p_activity, p_investment, p_jobs, p_knowledge_based,
                deposit, p_now, p_expires)
    ), reservation_plots AS (
        INSERT INTO reservation_parcel (reservation_id, parcel_id) SELECT new_id, unnest(p_parcels)
    )
    INSERT INTO idempotency_key (user_id, key, request_hash, response_status, response_body, created_at)
    VALUES (p_investor, p_key, p_request_hash, 201, body, p_now);
    PERFORM FROM decision_record(p_now, jsonb_build_array(jsonb_build_object(
        'actorId', p_investor, 'actorRole', 'investor', 'action', 'reservation.held', 'subjectType', 'reservation',
        'subjectId', new_id::text, 'estateCode', plot_estate.code, 'parcelIds', p_parcels, 'toState', 'HELD',
        'publicDetails', jsonb_build_object('plots', plots, 'activity', p_activity,
                                            'knowledgeBased', p_knowledge_based, 'holdExpiresAt', p_expires,
                                            'parcelStatus', 'RESERVED'),
        'privateDetails', jsonb_build_object('investorId', p_investor, 'investment', p_investment, 'jobs', p_jobs))));
    RETURN jsonb_build_object('outcome', 'held', 'body', body);
END
$$;

-- Many applications in the caller's transaction, each through reservation_hold, in the order given; answers their
-- outcomes in the same order. Each element of p_requests: investor, key, requestHash (hex), parcels, activity,
-- investment, jobs, knowledgeBased. A request's refusal writes nothing, so the others are unaffected by it.
CREATE OR REPLACE FUNCTION reservation_hold_many(p_requests jsonb, p_cap integer, p_deposit_per_mille integer,
                                                 p_now timestamptz, p_expires timestamptz)
    RETURNS jsonb
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS
$$
DECLARE
    request  record;
    outcomes jsonb[] := '{}';
BEGIN
    FOR request IN
        SELECT x.investor, x.key, x."requestHash", x.parcels, x.activity, x.investment, x.jobs, x."knowledgeBased"
          FROM ROWS FROM (jsonb_to_recordset(p_requests)
                          AS (investor bigint, key text, "requestHash" text, parcels bigint[], activity text,
                              investment bigint, jobs integer, "knowledgeBased" boolean)) WITH ORDINALITY AS x
         ORDER BY x.ordinality
    LOOP
        outcomes := outcomes || reservation_hold(
            request.investor, request.key, decode(request."requestHash", 'hex'), request.parcels, request.activity,
            request.investment, request.jobs, request."knowledgeBased", p_cap, p_deposit_per_mille, p_now,
            p_expires);
    END LOOP;
    RETURN to_jsonb(outcomes);
END
$$;
