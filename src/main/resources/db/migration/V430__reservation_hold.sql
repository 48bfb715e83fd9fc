-- A new reservation in one database call, and many of them in one transaction.
--
-- Profiling the reservation path showed that the rows it writes cost little (a plot's status, a reservation, its
-- plot, the replay answer, a log entry: about 0.3 ms of the database's time) and that the conversation cost the
-- rest: each statement a round trip through the driver, the pool and two processes, each request its own
-- transaction and commit. So the whole hold is one function (reservation_hold), and the server sends the requests
-- that arrive together as one call (reservation_hold_many) in one transaction: group commit, done by the
-- application (see org.zamin.reservation.HoldDesk). Every request is still checked and claimed on its own, in
-- arrival order; the one-active-reservation index of V101 remains the guarantee underneath.

DROP FUNCTION reservation_claim(bigint, text, bytea, bigint[], integer);

-- The helpers below are PL/pgSQL rather than SQL functions for speed alone: PostgreSQL keeps a PL/pgSQL
-- function's query plans for the session, while it plans a SQL function's body again on every call from another
-- function (half of this one's time).

-- A reservation as the API shows it (GET /api/reservations/{id}); also the answer to the request that made it.
CREATE FUNCTION reservation_json(p_id bigint) RETURNS json
    LANGUAGE plpgsql STABLE AS
$$
BEGIN
RETURN (SELECT json_build_object(
           'id', r.id,
           'status', r.status,
           'estate', e.code,
           'estateName', e.name,
           'estateNameFa', e.name_fa,
           'investorId', r.investor_id,
           'investorName', u.name,
           'investorOrganisation', u.organisation,
           'activity', r.activity_isic,
           'investment', r.investment,
           'jobs', r.jobs,
           'knowledgeBased', r.knowledge_based,
           'depositAmount', r.deposit_amount,
           'createdAt', r.created_at,
           'holdExpiresAt', r.hold_expires_at,
           'submittedAt', r.submitted_at,
           'closedAt', r.closed_at,
           'reason', r.reason,
           'parcels', (SELECT json_agg(json_build_object(
                                   'id', p.id, 'plotNumber', p.plot_number, 'areaM2', round(p.area_m2::numeric, 1),
                                   'status', p.status) ORDER BY p.id)
                         FROM reservation_parcel rp JOIN parcel p ON p.id = rp.parcel_id
                        WHERE rp.reservation_id = r.id),
           'bbox', (SELECT json_build_array(ST_XMin(x.b), ST_YMin(x.b), ST_XMax(x.b), ST_YMax(x.b))
                      FROM (SELECT ST_Extent(p.geom) AS b
                              FROM reservation_parcel rp JOIN parcel p ON p.id = rp.parcel_id
                             WHERE rp.reservation_id = r.id) x),
           'payment', (SELECT json_build_object('gateway', pm.gateway, 'amount', pm.amount, 'sandbox', pm.sandbox,
                                                'receipt', pm.receipt, 'paidAt', pm.paid_at,
                                                'refundStatus', pm.refund_status)
                         FROM payment pm WHERE pm.reservation_id = r.id),
           'allocationId', (SELECT a.id FROM allocation a WHERE a.reservation_id = r.id),
           'investorHoldings', json_build_object(
               'openReservations', (SELECT count(*) FROM reservation o
                                     WHERE o.investor_id = r.investor_id AND o.id <> r.id
                                       AND o.status IN ('HELD', 'SUBMITTED')),
               'allocations', (SELECT count(*) FROM allocation a
                                WHERE a.investor_id = r.investor_id AND a.status = 'ACTIVE')))
  FROM reservation r
  JOIN estate e ON e.id = r.estate_id
  JOIN users u ON u.id = r.investor_id
 WHERE r.id = p_id);
END
$$;

-- Whether the plots form one block: every plot reachable from the first through plots of the set that touch
-- (share an edge or a corner).
CREATE FUNCTION parcels_form_one_block(p_parcels bigint[]) RETURNS boolean
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

-- One application for a hold: p_parcels distinct and sorted, the other fields validated by the server. In order:
--   1. a replay of an Idempotency-Key answers as the first request did (or 'key_reused' for another body);
--   2. plots that are plainly taken or unknown ('unavailable', with their states), of several estates
--      ('different_estates') or not one block ('not_adjacent') answer before any lock: what the crowd that lost a
--      race for a popular plot gets;
--   3. the investor's row is locked until commit, so one investor's requests are checked one at a time: the
--      replay again, then the cap ('cap', with the open count);
--   4. the plots still AVAILABLE become RESERVED: a single plot by one conditional update (concurrent claimers
--      queue on its row until the first commits, then find it taken), several after locking them all in id order,
--      so that a request takes all of its plots or none and writes nothing when it takes none;
--   5. the reservation, its plots, the answer kept for the key, and the decision-log entry are written.
-- Answers 'held' with the new reservation as GET /api/reservations/{id} shows it.
-- reservation_hold_independent below applies the same rules set-based: a change to one belongs in both.
-- Every statement inside looks rows up by key, so one generic plan each serves every call.
CREATE FUNCTION reservation_hold(p_investor bigint, p_key text, p_request_hash bytea, p_parcels bigint[],
                                 p_activity text, p_investment bigint, p_jobs integer, p_knowledge_based boolean,
                                 p_cap integer, p_deposit_per_mille integer, p_now timestamptz,
                                 p_expires timestamptz)
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
    plots_json  json;
    extent      box2d;
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
    UPDATE parcel SET status = 'RESERVED', updated_at = now()
     WHERE id = ANY (p_parcels) AND status = 'AVAILABLE';
    IF NOT FOUND THEN
        RETURN jsonb_build_object('outcome', 'unavailable', 'parcels', reservation_parcel_states(p_parcels));
    END IF;

    SELECT e.* INTO plot_estate FROM estate e WHERE e.id = (SELECT estate_id FROM parcel WHERE id = p_parcels[1]);
    SELECT sum(round(p.area_m2 * p.price_per_m2)::bigint), array_agg(p.plot_number ORDER BY p.id),
           json_agg(json_build_object('id', p.id, 'plotNumber', p.plot_number, 'areaM2', round(p.area_m2::numeric, 1),
                                      'status', p.status) ORDER BY p.id),
           ST_Extent(p.geom),
           (SELECT count(*) FROM allocation WHERE investor_id = p_investor AND status = 'ACTIVE')
      INTO price, plots, plots_json, extent, allocations
      FROM parcel p WHERE p.id = ANY (p_parcels);
    new_id := nextval('reservation_id_seq');
    deposit := greatest(0, price * p_deposit_per_mille / 1000);
    -- What reservation_json(new_id) will show, built from what is at hand instead of read back (a test holds the
    -- two equal).
    body := json_build_object(
        'id', new_id, 'status', 'HELD', 'estate', plot_estate.code, 'estateName', plot_estate.name,
        'estateNameFa', plot_estate.name_fa, 'investorId', p_investor, 'investorName', investor.name,
        'investorOrganisation', investor.organisation, 'activity', p_activity, 'investment', p_investment,
        'jobs', p_jobs, 'knowledgeBased', p_knowledge_based, 'depositAmount', deposit, 'createdAt', p_now,
        'holdExpiresAt', p_expires, 'submittedAt', NULL::timestamptz, 'closedAt', NULL::timestamptz,
        'reason', NULL::text, 'parcels', plots_json,
        'bbox', json_build_array(ST_XMin(extent), ST_YMin(extent), ST_XMax(extent), ST_YMax(extent)),
        'payment', NULL::json, 'allocationId', NULL::bigint,
        'investorHoldings', json_build_object('openReservations', open_now, 'allocations', allocations)
    )::text;
    WITH reservation_row AS (
        INSERT INTO reservation (id, investor_id, estate_id, status, activity_isic, investment, jobs,
                                 knowledge_based, deposit_amount, created_at, hold_expires_at)
        VALUES (new_id, p_investor, plot_estate.id, 'HELD', p_activity, p_investment, p_jobs, p_knowledge_based,
                deposit, p_now, p_expires)
    ), reservation_plots AS (
        INSERT INTO reservation_parcel (reservation_id, parcel_id) SELECT new_id, unnest(p_parcels)
    ), replay_answer AS (
        INSERT INTO idempotency_key (user_id, key, request_hash, response_status, response_body, created_at)
        VALUES (p_investor, p_key, p_request_hash, 201, body, p_now)
    )
    INSERT INTO decision (occurred_at, actor_id, actor_role, action, subject_type, subject_id, estate_code,
                          parcel_ids, to_state, public_details, private_details)
    VALUES (p_now, p_investor, 'investor', 'reservation.held', 'reservation', new_id::text, plot_estate.code,
            p_parcels, 'HELD',
            jsonb_build_object('plots', plots, 'activity', p_activity, 'knowledgeBased', p_knowledge_based,
                               'holdExpiresAt', p_expires, 'parcelStatus', 'RESERVED'),
            jsonb_build_object('investorId', p_investor, 'investment', p_investment, 'jobs', p_jobs));
    RETURN jsonb_build_object('outcome', 'held', 'status', 201, 'body', body);
END
$$;

-- Applications that share nothing with one another (one plot each; no plot, no investor in two of them) taken
-- together: the rules of reservation_hold, in order (replay, plot not available, cap, conditional claim), applied
-- by set-based statements, so that their fixed costs are paid once for all of them instead of once per application
-- (about a third of reservation_hold's time per application under load). Each element of p_requests is as for
-- reservation_hold_many, plus its position n; answers (n, outcome) for every element.
CREATE FUNCTION reservation_hold_independent(p_requests jsonb, p_cap integer, p_deposit_per_mille integer,
                                             p_now timestamptz, p_expires timestamptz)
    RETURNS TABLE (n bigint, outcome jsonb)
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS
$$
BEGIN
    PERFORM FROM users
     WHERE id IN (SELECT (r ->> 'investor')::bigint FROM jsonb_array_elements(p_requests) r)
     ORDER BY id
       FOR NO KEY UPDATE;
    RETURN QUERY
    WITH request AS (
        SELECT x.n, x.investor, x.key, decode(x."requestHash", 'hex') AS request_hash,
               (x.parcels ->> 0)::bigint AS parcel_id, x.activity, x.investment, x.jobs,
               x."knowledgeBased" AS knowledge_based
          FROM jsonb_to_recordset(p_requests) AS x (n bigint, investor bigint, key text, "requestHash" text,
                                                    parcels jsonb, activity text, investment bigint, jobs integer,
                                                    "knowledgeBased" boolean)
    ), replay AS (
        SELECT q.n, reservation_replay(k, q.request_hash) AS outcome
          FROM request q JOIN idempotency_key k ON k.user_id = q.investor AND k.key = q.key
    ), fresh AS (
        SELECT q.*, p.status AS parcel_status,
               (SELECT count(*) FROM reservation r
                 WHERE r.investor_id = q.investor AND r.status IN ('HELD', 'SUBMITTED')) AS open_now
          FROM request q LEFT JOIN parcel p ON p.id = q.parcel_id
         WHERE q.n NOT IN (SELECT replay.n FROM replay)
    ), claim AS (
        UPDATE parcel p
           SET status = 'RESERVED', updated_at = now()
          FROM fresh f
         WHERE p.id = f.parcel_id AND f.parcel_status = 'AVAILABLE' AND f.open_now < p_cap AND p.status = 'AVAILABLE'
     RETURNING f.n, p.plot_number, p.estate_id, p.area_m2, p.price_per_m2, p.geom
    ), held AS (
        SELECT f.*, nextval('reservation_id_seq') AS id, c.plot_number, c.area_m2, c.geom, e.id AS estate_id,
               e.code AS estate_code, e.name AS estate_name, e.name_fa AS estate_name_fa, u.name AS investor_name,
               u.organisation AS investor_organisation,
               greatest(0, round(c.area_m2 * c.price_per_m2)::bigint * p_deposit_per_mille / 1000) AS deposit,
               (SELECT count(*) FROM allocation a WHERE a.investor_id = f.investor AND a.status = 'ACTIVE')
                   AS allocations
          FROM claim c
          JOIN fresh f ON f.n = c.n
          JOIN estate e ON e.id = c.estate_id
          JOIN users u ON u.id = f.investor
    ), answer AS (
        -- What reservation_json will show (a test holds the two equal).
        SELECT h.n, json_build_object(
                   'id', h.id, 'status', 'HELD', 'estate', h.estate_code, 'estateName', h.estate_name,
                   'estateNameFa', h.estate_name_fa, 'investorId', h.investor, 'investorName', h.investor_name,
                   'investorOrganisation', h.investor_organisation, 'activity', h.activity,
                   'investment', h.investment, 'jobs', h.jobs, 'knowledgeBased', h.knowledge_based,
                   'depositAmount', h.deposit, 'createdAt', p_now, 'holdExpiresAt', p_expires,
                   'submittedAt', NULL::timestamptz, 'closedAt', NULL::timestamptz, 'reason', NULL::text,
                   'parcels', json_build_array(json_build_object(
                       'id', h.parcel_id, 'plotNumber', h.plot_number, 'areaM2', round(h.area_m2::numeric, 1),
                       'status', 'RESERVED')),
                   'bbox', (SELECT json_build_array(ST_XMin(x.b), ST_YMin(x.b), ST_XMax(x.b), ST_YMax(x.b))
                              FROM (SELECT ST_Extent(v.g) AS b FROM (VALUES (h.geom)) v (g)) x),
                   'payment', NULL::json, 'allocationId', NULL::bigint,
                   'investorHoldings', json_build_object('openReservations', h.open_now, 'allocations', h.allocations)
               )::text AS body
          FROM held h
    ), new_reservation AS (
        INSERT INTO reservation (id, investor_id, estate_id, status, activity_isic, investment, jobs,
                                 knowledge_based, deposit_amount, created_at, hold_expires_at)
        SELECT h.id, h.investor, h.estate_id, 'HELD', h.activity, h.investment, h.jobs, h.knowledge_based,
               h.deposit, p_now, p_expires
          FROM held h
    ), new_reservation_plot AS (
        INSERT INTO reservation_parcel (reservation_id, parcel_id) SELECT h.id, h.parcel_id FROM held h
    ), new_replay_answer AS (
        INSERT INTO idempotency_key (user_id, key, request_hash, response_status, response_body, created_at)
        SELECT h.investor, h.key, h.request_hash, 201, a.body, p_now FROM held h JOIN answer a ON a.n = h.n
    ), new_decision AS (
        INSERT INTO decision (occurred_at, actor_id, actor_role, action, subject_type, subject_id, estate_code,
                              parcel_ids, to_state, public_details, private_details)
        SELECT p_now, h.investor, 'investor', 'reservation.held', 'reservation', h.id::text, h.estate_code,
               ARRAY[h.parcel_id], 'HELD',
               jsonb_build_object('plots', jsonb_build_array(h.plot_number), 'activity', h.activity,
                                  'knowledgeBased', h.knowledge_based, 'holdExpiresAt', p_expires,
                                  'parcelStatus', 'RESERVED'),
               jsonb_build_object('investorId', h.investor, 'investment', h.investment, 'jobs', h.jobs)
          FROM held h
         ORDER BY h.n
    )
    SELECT r.n, r.outcome FROM replay r
    UNION ALL
    SELECT a.n, jsonb_build_object('outcome', 'held', 'status', 201, 'body', a.body) FROM answer a
    UNION ALL
    SELECT f.n, jsonb_build_object('outcome', 'cap', 'open', f.open_now)
      FROM fresh f WHERE f.parcel_status = 'AVAILABLE' AND f.open_now >= p_cap
    UNION ALL
    SELECT f.n, jsonb_build_object('outcome', 'unavailable', 'parcels', reservation_parcel_states(ARRAY[f.parcel_id]))
      FROM fresh f
     WHERE NOT (f.parcel_status = 'AVAILABLE' AND f.open_now >= p_cap) AND f.n NOT IN (SELECT c.n FROM claim c)
        OR f.parcel_status IS NULL;
END
$$;

-- Many applications in the caller's transaction, in the order given; answers their outcomes in the same order.
-- Each element of p_requests: investor, key, requestHash (hex), parcels, activity, investment, jobs,
-- knowledgeBased. Those that share nothing with the others go together through reservation_hold_independent (their
-- order among themselves cannot matter); the rest, one after another through reservation_hold. A request's refusal
-- writes nothing, so the others are unaffected by it.
CREATE FUNCTION reservation_hold_many(p_requests jsonb, p_cap integer, p_deposit_per_mille integer,
                                      p_now timestamptz, p_expires timestamptz)
    RETURNS jsonb
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS
$$
DECLARE
    independent jsonb;
    answered    jsonb := '{}';
    request     record;
    outcomes    jsonb[] := '{}';
BEGIN
    WITH item AS (
        SELECT x.r, x.n FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS x (r, n)
    ), plot_use AS (
        SELECT p.value AS parcel, count(*) AS uses FROM item, jsonb_array_elements_text(item.r -> 'parcels') p
         GROUP BY p.value
    ), investor_use AS (
        SELECT item.r ->> 'investor' AS investor, count(*) AS uses FROM item GROUP BY 1
    )
    SELECT coalesce(jsonb_agg(item.r || jsonb_build_object('n', item.n)), '[]')
      INTO independent
      FROM item
      JOIN investor_use iu ON iu.investor = item.r ->> 'investor'
      JOIN plot_use pu ON pu.parcel = item.r -> 'parcels' ->> 0
     WHERE jsonb_array_length(item.r -> 'parcels') = 1 AND iu.uses = 1 AND pu.uses = 1;
    IF jsonb_array_length(independent) > 0 THEN
        SELECT jsonb_object_agg(h.n, h.outcome) INTO answered
          FROM reservation_hold_independent(independent, p_cap, p_deposit_per_mille, p_now, p_expires) h;
    END IF;

    FOR request IN SELECT x.r, x.n FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS x (r, n) ORDER BY x.n LOOP
        IF answered ? request.n::text THEN
            outcomes := outcomes || (answered -> request.n::text);
        ELSE
            outcomes := outcomes || reservation_hold(
                (request.r ->> 'investor')::bigint,
                request.r ->> 'key',
                decode(request.r ->> 'requestHash', 'hex'),
                ARRAY(SELECT jsonb_array_elements_text(request.r -> 'parcels')::bigint),
                request.r ->> 'activity',
                (request.r ->> 'investment')::bigint,
                (request.r ->> 'jobs')::integer,
                (request.r ->> 'knowledgeBased')::boolean,
                p_cap, p_deposit_per_mille, p_now, p_expires);
        END IF;
    END LOOP;
    RETURN to_jsonb(outcomes);
END
$$;
