-- A new reservation (a hold) in one database call, and many of them in one transaction.
--
-- reservation_hold_set is the one place the rules of a hold live. It is set-based: it takes applications that share
-- no plot and no investor together, so that the fixed cost of each statement is paid once for all of them (taking
-- them one at a time cost about a third more per application under load). reservation_hold_many, the call the
-- server makes for the applications that arrive together (reservation.ReservationService batches them), passes them
-- all to it: every application gets the answer it would have got alone, in arrival order. Profiling showed that the
-- rows a hold writes cost little and that the conversation cost the rest, so a batch is one call in one transaction:
-- group commit, done by the application. The one-active-reservation index of V101 remains the guarantee underneath.
--
-- The helpers are PL/pgSQL rather than SQL functions for speed alone: PostgreSQL keeps a PL/pgSQL function's query
-- plans for the session, while it plans a SQL function's body again on every call from another function.

DROP FUNCTION IF EXISTS reservation_hold_independent(jsonb, integer, integer, timestamptz, timestamptz);
DROP FUNCTION IF EXISTS reservation_hold_set(jsonb, integer, integer, timestamptz, timestamptz, text);
DROP FUNCTION IF EXISTS reservation_hold_many(jsonb, integer, integer, timestamptz, timestamptz);
DROP FUNCTION IF EXISTS reservation_hold(bigint, text, bytea, bigint[], text, bigint, integer, boolean, integer, integer,
                                         timestamptz, timestamptz);

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

-- The rules of a hold, for applications that share no plot and no investor (each element of p_requests: n, investor,
-- key, requestHash (hex), parcels (distinct, sorted), activity, investment, jobs, knowledgeBased; the other fields
-- validated by the server). For each, in order:
--   1. the investors' rows are locked until commit (in id order), so one investor's requests are checked one at a
--      time, and a request under the same Idempotency-Key that committed meanwhile is seen;
--   2. a replay of an Idempotency-Key answers as the first request did (or 'key_reused' for another body);
--   2a. an investor not fit to hold in an OPEN offer is refused ('unverified', with what is missing: 'email' not
--      confirmed, no 'national_id', 'documents' not verified by staff, no unrefunded open-offer 'deposit' paid,
--      V610__investor_verification.sql);
--   3. plots that are taken or unknown ('unavailable', with their states), of several estates ('different_estates')
--      or not one block ('not_adjacent') are refused, and so is a plot whose hold by this investor lapsed less than
--      p_cooldown ago ('cooldown'), and an investor over the cap ('cap', with the open count);
--   4. the plots still AVAILABLE become RESERVED (parcel_set_status): a single plot by a conditional update
--      (concurrent claimers queue on its row until the first commits, then find it taken), several after locking
--      them all in id order, so that a request takes all of its plots or none and writes nothing when it takes none;
--   5. the reservation, its plots, the answer kept for the key, and the decision-log entry are written. The entry
--      is made here, not by the caller: its actor is the investor whose application it is, in that user's own
--      role, at the transaction's time (decision_insert, R__decision_record.sql), one call for the whole set.
--      SECURITY DEFINER for that alone: the service's role may not write the log itself.
-- Answers (n, outcome) for every element: 'held' with the new reservation's document (reservation_document, as
-- GET /api/reservations/{id} shows it), or the refusal. p_stage 'check' does only 2 and the plot checks of 3, with
-- no lock and nothing written, and answers the refusal, or a null outcome for an application that may go on (the
-- applications may then share anything): a hold never frees a plot, so those refusals stand.
-- Every statement inside looks rows up by key, so one generic plan each serves every call.
CREATE OR REPLACE FUNCTION reservation_hold_set(p_requests jsonb, p_cap integer, p_deposit_per_mille integer,
                                                p_now timestamptz, p_expires timestamptz, p_cooldown interval,
                                                p_stage text DEFAULT 'all')
    RETURNS TABLE (n bigint, outcome jsonb)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    SET plan_cache_mode = force_generic_plan AS
$$
DECLARE
    locking  boolean := p_stage <> 'check';
    verdicts jsonb;
    eligible jsonb;
    claimed  bigint[];
    held     jsonb;
    bodies   jsonb;
BEGIN
    IF locking THEN
        PERFORM FROM users
         WHERE id IN (SELECT (r ->> 'investor')::bigint FROM jsonb_array_elements(p_requests) r)
         ORDER BY id
           FOR NO KEY UPDATE;
    END IF;

    -- 2 and 3: each application with its refusal, or a null refusal when it may go on.
    SELECT jsonb_agg(q.request || jsonb_build_object(
               'open', o.open_now,
               'refusal', CASE
                   WHEN k.user_id IS NOT NULL THEN reservation_replay(k, decode(q.request_hash, 'hex'))
                   WHEN f.missing <> '[]' THEN jsonb_build_object('outcome', 'unverified', 'missing', f.missing)
                   WHEN s.available < cardinality(q.parcels)
                       THEN jsonb_build_object('outcome', 'unavailable', 'parcels', reservation_parcel_states(q.parcels))
                   WHEN s.estates > 1 THEN jsonb_build_object('outcome', 'different_estates')
                   WHEN cardinality(q.parcels) > 1 AND NOT parcels_form_one_block(q.parcels)
                       THEN jsonb_build_object('outcome', 'not_adjacent')
                   WHEN EXISTS (SELECT FROM reservation r JOIN reservation_parcel rp ON rp.reservation_id = r.id
                                 WHERE r.investor_id = q.investor AND r.status = 'EXPIRED'
                                   AND r.closed_at > p_now - p_cooldown AND rp.parcel_id = ANY (q.parcels))
                       THEN jsonb_build_object('outcome', 'cooldown')
                   WHEN o.open_now >= p_cap THEN jsonb_build_object('outcome', 'cap', 'open', o.open_now)
               END) ORDER BY q.n)
      INTO verdicts
      FROM (SELECT e.r AS request, (e.r ->> 'n')::bigint AS n, (e.r ->> 'investor')::bigint AS investor,
                   e.r ->> 'key' AS key, e.r ->> 'requestHash' AS request_hash,
                   ARRAY(SELECT jsonb_array_elements_text(e.r -> 'parcels')::bigint) AS parcels
              FROM jsonb_array_elements(p_requests) AS e (r)) q
      LEFT JOIN idempotency_key k ON k.user_id = q.investor AND k.key = q.key
      CROSS JOIN LATERAL (SELECT to_jsonb(ARRAY(
                                     SELECT m FROM (VALUES (1, 'email', u.email_confirmed_at IS NULL),
                                                           (2, 'national_id', u.national_id IS NULL),
                                                           (3, 'documents', u.documents_verified_at IS NULL),
                                                           (4, 'deposit', NOT EXISTS (
                                                               SELECT FROM open_deposit d
                                                                WHERE d.investor_id = u.id AND d.refunded_at IS NULL)))
                                                   AS x (i, m, lacking)
                                      WHERE x.lacking ORDER BY x.i)) AS missing
                            FROM users u WHERE u.id = q.investor) f
      CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE p.status = 'AVAILABLE') AS available,
                                 count(DISTINCT p.estate_id) AS estates
                            FROM parcel p WHERE p.id = ANY (q.parcels)) s
      LEFT JOIN LATERAL (SELECT count(*) AS open_now FROM reservation r
                          WHERE locking AND r.investor_id = q.investor AND r.status IN ('HELD', 'SUBMITTED')) o
             ON locking;

    IF NOT locking THEN
        RETURN QUERY SELECT (v ->> 'n')::bigint, nullif(v -> 'refusal', 'null') FROM jsonb_array_elements(verdicts) v;
        RETURN;
    END IF;

    SELECT jsonb_agg(v) INTO eligible FROM jsonb_array_elements(verdicts) v WHERE v -> 'refusal' = 'null';
    IF eligible IS NOT NULL THEN
        -- 4: the plots of an application of several are locked first, and taken only if all are still AVAILABLE.
        PERFORM FROM parcel
         WHERE id IN (SELECT jsonb_array_elements_text(v -> 'parcels')::bigint
                        FROM jsonb_array_elements(eligible) v WHERE jsonb_array_length(v -> 'parcels') > 1)
         ORDER BY id
           FOR NO KEY UPDATE;
        claimed := ARRAY(
            SELECT parcel_set_status(ARRAY(
                       SELECT unnest(x.parcels)
                         FROM jsonb_to_recordset(eligible) AS x (parcels bigint[])
                        WHERE cardinality(x.parcels) = 1
                           OR (SELECT count(*) FROM parcel t WHERE t.id = ANY (x.parcels) AND t.status = 'AVAILABLE')
                              = cardinality(x.parcels)),
                   'RESERVED', ARRAY['AVAILABLE']));

        -- 5: the new reservations, with their documents (their plots now RESERVED) and decision-log entries.
        SELECT jsonb_agg(jsonb_build_object(
                   'n', h.n, 'id', h.id, 'investor', h.investor, 'estateId', h.estate_id, 'deposit', h.deposit,
                   'key', h.key, 'requestHash', h."requestHash", 'parcels', h.parcels, 'activity', h.activity,
                   'investment', h.investment, 'jobs', h.jobs, 'knowledgeBased', h."knowledgeBased",
                   'body', reservation_document(
                       h.id, 'HELD', h.estate_code, h.estate_name, h.estate_name_fa, h.investor, u.name,
                       u.organisation, h.activity, h.investment, h.jobs, h."knowledgeBased", h.deposit, p_now,
                       p_expires, NULL, NULL, NULL, h.parcels, NULL, NULL, h.open,
                       (SELECT count(*) FROM allocation a WHERE a.investor_id = h.investor AND a.status = 'ACTIVE'))::text,
                   'entry', jsonb_build_object(
                       'actorId', h.investor, 'actorRole', lower(u.role), 'action', 'reservation.held',
                       'subjectType', 'reservation', 'subjectId', h.id::text, 'estateCode', h.estate_code,
                       'parcelIds', h.parcels, 'toState', 'HELD',
                       'publicDetails', jsonb_build_object('plots', h.plots, 'activity', h.activity,
                                                           'knowledgeBased', h."knowledgeBased",
                                                           'holdExpiresAt', p_expires, 'parcelStatus', 'RESERVED'),
                       'privateDetails', jsonb_build_object('investorId', h.investor, 'investment', h.investment,
                                                            'jobs', h.jobs)))
                   ORDER BY h.n)
          INTO held
          FROM (SELECT x.*, nextval('reservation_id_seq') AS id, e.id AS estate_id, e.code AS estate_code,
                       e.name AS estate_name, e.name_fa AS estate_name_fa, plot.plots,
                       greatest(0, plot.price * p_deposit_per_mille / 1000) AS deposit
                  FROM (SELECT * FROM jsonb_to_recordset(eligible)
                                      AS x (n bigint, investor bigint, key text, "requestHash" text, parcels bigint[],
                                            activity text, investment bigint, jobs integer, "knowledgeBased" boolean,
                                            open bigint)
                         WHERE x.parcels <@ claimed
                         ORDER BY x.n) x
                  CROSS JOIN LATERAL (SELECT sum(round(p.area_m2 * p.price_per_m2)::bigint)::bigint AS price,
                                             array_agg(p.plot_number ORDER BY p.id) AS plots,
                                             min(p.estate_id) AS estate_id
                                        FROM parcel p WHERE p.id = ANY (x.parcels)) plot
                  JOIN estate e ON e.id = plot.estate_id) h
          JOIN users u ON u.id = h.investor;

        IF held IS NOT NULL THEN
            WITH h AS (
                SELECT * FROM jsonb_to_recordset(held)
                              AS x (n bigint, id bigint, investor bigint, "estateId" integer, deposit bigint, key text,
                                    "requestHash" text, parcels bigint[], activity text, investment bigint,
                                    jobs integer, "knowledgeBased" boolean, body text)
            ), reservation_row AS (
                INSERT INTO reservation (id, investor_id, estate_id, status, activity_isic, investment, jobs,
                                         knowledge_based, deposit_amount, created_at, hold_expires_at)
                SELECT h.id, h.investor, h."estateId", 'HELD', h.activity, h.investment, h.jobs, h."knowledgeBased",
                       h.deposit, p_now, p_expires
                  FROM h
            ), reservation_plots AS (
                INSERT INTO reservation_parcel (reservation_id, parcel_id) SELECT h.id, unnest(h.parcels) FROM h
            )
            INSERT INTO idempotency_key (user_id, key, request_hash, response_status, response_body, created_at)
            SELECT h.investor, h.key, decode(h."requestHash", 'hex'), 201, h.body, p_now FROM h;
            PERFORM FROM decision_insert((SELECT jsonb_agg(h -> 'entry' ORDER BY (h ->> 'n')::bigint)
                                            FROM jsonb_array_elements(held) h));
            SELECT jsonb_object_agg(h ->> 'n', h -> 'body') INTO bodies FROM jsonb_array_elements(held) h;
        END IF;
    END IF;

    RETURN QUERY
    SELECT (v ->> 'n')::bigint,
           CASE WHEN v -> 'refusal' <> 'null' THEN v -> 'refusal'
                WHEN bodies ? (v ->> 'n') THEN jsonb_build_object('outcome', 'held', 'body', bodies -> (v ->> 'n'))
                ELSE jsonb_build_object('outcome', 'unavailable',
                                        'parcels', reservation_parcel_states(
                                            ARRAY(SELECT jsonb_array_elements_text(v -> 'parcels')::bigint)))
           END
      FROM jsonb_array_elements(verdicts) v;
END
$$;

-- Many applications in the caller's transaction, answered in the order given as if each came alone, one after
-- another. Each element of p_requests: investor, key, requestHash (hex), parcels, activity, investment, jobs,
-- knowledgeBased. All go through reservation_hold_set. Those that share no plot and no investor with another of the
-- batch go together, in one call (their order among themselves cannot matter). The rest first go through its checks
-- that take no lock, all at once (a hold never frees a plot, so a refusal there stands, unless an earlier application
-- of the batch uses the same Idempotency-Key: the crowd that lost a race is answered in one statement), and those
-- left then one at a time, in arrival order. A request's refusal writes nothing, so the others are unaffected by it.
CREATE OR REPLACE FUNCTION reservation_hold_many(p_requests jsonb, p_cap integer, p_deposit_per_mille integer,
                                                 p_now timestamptz, p_expires timestamptz, p_cooldown interval)
    RETURNS jsonb
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS
$$
DECLARE
    items       jsonb;
    independent jsonb;
    dependent   jsonb;
    answered    jsonb := '{}';
    request     record;
    outcomes    jsonb[] := '{}';
BEGIN
    SELECT jsonb_agg(x.r || jsonb_build_object('n', x.n) ORDER BY x.n) INTO items
      FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS x (r, n);
    IF items IS NULL THEN
        RETURN '[]';
    END IF;

    WITH item AS (
        SELECT e AS r, e ->> 'n' AS n, e ->> 'investor' AS investor FROM jsonb_array_elements(items) e
    ), plot AS (
        SELECT item.n, p.value AS parcel FROM item, jsonb_array_elements_text(item.r -> 'parcels') p
    ), shared AS (
        SELECT plot.n FROM plot WHERE plot.parcel IN (SELECT parcel FROM plot GROUP BY parcel HAVING count(*) > 1)
        UNION
        SELECT item.n FROM item WHERE item.investor IN (SELECT investor FROM item GROUP BY investor HAVING count(*) > 1)
    )
    SELECT jsonb_agg(item.r) FILTER (WHERE item.n NOT IN (SELECT shared.n FROM shared)),
           jsonb_agg(item.r) FILTER (WHERE item.n IN (SELECT shared.n FROM shared))
      INTO independent, dependent
      FROM item;

    IF independent IS NOT NULL THEN
        SELECT jsonb_object_agg(h.n, h.outcome) INTO answered
          FROM reservation_hold_set(independent, p_cap, p_deposit_per_mille, p_now, p_expires, p_cooldown) h;
    END IF;
    IF dependent IS NOT NULL THEN
        SELECT answered || coalesce(jsonb_object_agg(h.n, h.outcome), '{}') INTO answered
          FROM reservation_hold_set(dependent, p_cap, p_deposit_per_mille, p_now, p_expires, p_cooldown, 'check') h
         WHERE h.outcome IS NOT NULL
           AND NOT EXISTS (SELECT FROM jsonb_array_elements(items) e
                            WHERE (e ->> 'n')::bigint < h.n
                              AND e -> 'investor' = items -> (h.n::integer - 1) -> 'investor'
                              AND e -> 'key' = items -> (h.n::integer - 1) -> 'key');
    END IF;

    FOR request IN SELECT e AS r, (e ->> 'n')::bigint AS n FROM jsonb_array_elements(items) e LOOP
        IF answered ? request.n::text THEN
            outcomes := outcomes || (answered -> request.n::text);
        ELSE
            outcomes := outcomes || (SELECT h.outcome
                                       FROM reservation_hold_set(jsonb_build_array(request.r), p_cap,
                                                                 p_deposit_per_mille, p_now, p_expires,
                                                                 p_cooldown) h);
        END IF;
    END LOOP;
    RETURN to_jsonb(outcomes);
END
$$;
