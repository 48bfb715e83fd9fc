-- Applications to an allocation round: their JSON document, and many of them written in one database call.
--
-- round_apply_many is the call the server makes for the applications that arrive together (round.RoundService
-- batches them as reservations are batched, org.zamin.db.Batcher): one transaction, one commit and one decision-log
-- call for the batch, instead of six statements and a commit for each application, which is what an application cost
-- at a window's opening. The rules an application must meet stay in round_application_guard (R__round_guards.sql),
-- which runs for every row written here; the checks below only give each refused application its precise reason.
--
-- PL/pgSQL rather than SQL for speed alone: PostgreSQL keeps a PL/pgSQL function's query plans for the session.

-- An application as GET /api/offers/{id}/applications and the answer to POST show it.
CREATE OR REPLACE FUNCTION round_application_json(a round_application) RETURNS json
    LANGUAGE sql STABLE AS
$$
SELECT json_build_object(
           'id', a.id,
           'offerId', a.offer_id,
           'ranking', a.ranking,
           'activity', a.activity_isic,
           'investment', a.investment,
           'jobs', a.jobs,
           'knowledgeBased', a.knowledge_based,
           'exportSharePct', a.export_share_pct,
           'submittedAt', a.submitted_at,
           'updatedAt', a.updated_at)
$$;

-- Applications written at p_now in the caller's transaction, each answered as if it came alone, in the order given.
-- p_requests is a JSON array in arrival order; each element: investor, offer, ranking, activity, investment, jobs,
-- knowledgeBased, exportSharePct (validated by the server).
--   1. the offers named are share-locked, in id order (the close locks its offer FOR UPDATE: an application commits
--      before the close reads the applications, or finds the round CLOSED);
--   2. an application is refused when its offer is unknown or a draft ('not_found'), its window has closed
--      ('window_closed', with closesAt) or not yet opened ('window_not_open', with opensAt), when it ranks more plots
--      than the offer allows ('too_many_ranked', with maxRanked) or a plot the offer does not include ('unoffered',
--      with the first such plot);
--   3. the others are written: a new application, or the investor's earlier one in that offer replaced (same id,
--      first submission time kept). Several by one investor to one offer in the batch are written one after another
--      in arrival order (the k-th of each together), so the last one stays, as it would have;
--   4. each written application gets its decision-log entry, made here: its actor is the investor, in that user's own
--      role, at the transaction's time (decision_insert, R__decision_record.sql), one call for the whole batch, in
--      arrival order. SECURITY DEFINER for that alone: the service's role may not write the log itself.
-- Answers a JSON array with one element per application, in the order given: {"outcome": "written", "id",
-- "created", "body" (round_application_json, as text)}, or {"outcome": <the refusal>, "closesAt", "opensAt",
-- "maxRanked", "plot"}.
CREATE OR REPLACE FUNCTION round_apply_many(p_requests jsonb, p_now timestamptz)
    RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    SET plan_cache_mode = force_generic_plan AS
$$
DECLARE
    verdicts jsonb;
    rounds   bigint;
    written  jsonb := '{}';
    part     jsonb;
BEGIN
    PERFORM FROM offer
     WHERE id IN (SELECT (r ->> 'offer')::bigint FROM jsonb_array_elements(p_requests) r)
     ORDER BY id
       FOR SHARE;

    SELECT jsonb_agg(to_jsonb(v) ORDER BY v.n), max(v.generation)
      INTO verdicts, rounds
      FROM (SELECT q.*, e.code AS estate, o.opens_at, o.closes_at, o.max_ranked, u.unoffered,
                   CASE WHEN o.id IS NULL OR o.state = 'DRAFT' THEN 'not_found'
                        WHEN o.state = 'CLOSED' OR p_now >= o.closes_at THEN 'window_closed'
                        WHEN p_now < o.opens_at THEN 'window_not_open'
                        WHEN cardinality(q.ranking) > o.max_ranked THEN 'too_many_ranked'
                        WHEN u.unoffered IS NOT NULL THEN 'unoffered'
                   END AS refusal
              FROM (SELECT x.*, row_number() OVER (PARTITION BY x.offer, x.investor ORDER BY x.n) AS generation
                      FROM ROWS FROM (jsonb_to_recordset(p_requests)
                                      AS (investor bigint, offer bigint, ranking bigint[], activity text,
                                          investment bigint, jobs integer, "knowledgeBased" boolean,
                                          "exportSharePct" integer)) WITH ORDINALITY
                           AS x (investor, offer, ranking, activity, investment, jobs, "knowledgeBased",
                                 "exportSharePct", n)) q
              LEFT JOIN offer o ON o.id = q.offer
              LEFT JOIN estate e ON e.id = o.estate_id
              LEFT JOIN LATERAL (SELECT r.id AS unoffered
                                   FROM unnest(q.ranking) WITH ORDINALITY AS r (id, position)
                                  WHERE NOT EXISTS (SELECT FROM offer_parcel op
                                                     WHERE op.offer_id = q.offer AND op.parcel_id = r.id)
                                  ORDER BY r.position
                                  LIMIT 1) u ON true) v;

    FOR k IN 1 .. coalesce(rounds, 0) LOOP
        WITH this_round AS (
            SELECT * FROM jsonb_to_recordset(verdicts)
                          AS v (n bigint, generation bigint, refusal text, investor bigint, offer bigint,
                                ranking bigint[], activity text, investment bigint, jobs integer,
                                "knowledgeBased" boolean, "exportSharePct" integer)
             WHERE v.refusal IS NULL AND v.generation = k
        ), go AS (
            SELECT g.*, EXISTS (SELECT FROM jsonb_to_recordset(verdicts)
                                             AS e (generation bigint, refusal text, investor bigint, offer bigint)
                                 WHERE e.refusal IS NULL AND e.generation < k AND e.offer = g.offer
                                   AND e.investor = g.investor) AS replaces
              FROM this_round g
        ), w AS (
            INSERT INTO round_application AS a (offer_id, investor_id, ranking, activity_isic, investment, jobs,
                                                knowledge_based, export_share_pct, submitted_at, updated_at)
            SELECT go.offer, go.investor, go.ranking, go.activity, go.investment, go.jobs, go."knowledgeBased",
                   go."exportSharePct", p_now, p_now
              FROM go
             ORDER BY go.n
            ON CONFLICT ON CONSTRAINT round_application_one_per_investor DO UPDATE
               SET ranking = excluded.ranking, activity_isic = excluded.activity_isic,
                   investment = excluded.investment, jobs = excluded.jobs,
                   knowledge_based = excluded.knowledge_based, export_share_pct = excluded.export_share_pct,
                   updated_at = excluded.updated_at
            RETURNING a AS application, (a.xmax = 0) AS created
        )
        -- created: new in the table, and not written by an earlier one of the batch (whose row this one replaced)
        SELECT jsonb_object_agg(go.n, jsonb_build_object('outcome', 'written', 'id', (w.application).id,
                                                         'created', w.created AND NOT go.replaces,
                                                         'body', round_application_json(w.application)::text))
          INTO part
          FROM w JOIN go ON go.offer = (w.application).offer_id AND go.investor = (w.application).investor_id;
        written := written || coalesce(part, '{}');
    END LOOP;

    IF written <> '{}' THEN
        PERFORM FROM decision_insert((
            SELECT jsonb_agg(jsonb_build_object(
                       'actorId', v.investor, 'actorRole', lower(u.role),
                       'action', CASE WHEN (written -> v.n::text ->> 'created')::boolean
                                      THEN 'round_application.submitted' ELSE 'round_application.updated' END,
                       'subjectType', 'round_application', 'subjectId', written -> v.n::text ->> 'id',
                       'estateCode', v.estate,
                       'publicDetails', jsonb_build_object('offerId', v.offer),
                       'privateDetails', jsonb_build_object('ranking', v.ranking, 'activity', v.activity,
                                                            'investment', v.investment, 'jobs', v.jobs,
                                                            'knowledgeBased', v."knowledgeBased",
                                                            'exportSharePct', v."exportSharePct"))
                       ORDER BY v.n)
              FROM jsonb_to_recordset(verdicts)
                   AS v (n bigint, refusal text, investor bigint, offer bigint, estate text, ranking bigint[],
                         activity text, investment bigint, jobs integer, "knowledgeBased" boolean,
                         "exportSharePct" integer)
              JOIN users u ON u.id = v.investor
             WHERE v.refusal IS NULL));
    END IF;

    RETURN (SELECT jsonb_agg(CASE WHEN v ->> 'refusal' IS NULL THEN written -> (v ->> 'n')
                                  ELSE jsonb_build_object('outcome', v -> 'refusal', 'closesAt', v -> 'closes_at',
                                                          'opensAt', v -> 'opens_at', 'maxRanked', v -> 'max_ranked',
                                                          'plot', v -> 'unoffered') END
                             ORDER BY (v ->> 'n')::bigint)
              FROM jsonb_array_elements(verdicts) v);
END
$$;
