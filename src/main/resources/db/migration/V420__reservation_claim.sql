-- The first half of a new reservation in one round trip, so a crowd of investors costs the database one call
-- each instead of a conversation. In order:
--   1. a replay of an Idempotency-Key answers as the first request did (or 'key_reused' for another body);
--   2. plots that are plainly taken (or unknown) answer at once, before any lock is taken: what the crowd that
--      lost a race for a popular plot gets;
--   3. the investor's row is locked until commit, so one investor's requests are checked one at a time: the
--      replay again (a request with the same key may have committed while we waited), then the cap;
--   4. the requested plots that are still AVAILABLE become RESERVED (one conditional update: concurrent claimers
--      queue on a plot's row only until the first commits, then find it taken and return without it).
-- Outcomes: replay, key_reused, unavailable (with the plots' states), cap (with the open count), missed (some
-- plot was taken meanwhile) and claimed (with the plots, the investor, and the id the reservation will have).
-- Every outcome but claimed and replay must be answered by rolling the transaction back: a partial claim stays
-- undone. The one-active-reservation index of V101 remains the guarantee underneath.
-- Every statement inside looks rows up by key, so one generic plan each serves every call: planning them afresh
-- per call (what PL/pgSQL may do with parameters) took about a fifth of the database's CPU under load (perf).
CREATE FUNCTION reservation_claim(p_investor bigint, p_key text, p_request_hash bytea, p_parcels bigint[],
                                  p_cap integer)
    RETURNS jsonb
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS
$$
DECLARE
    answer   idempotency_key%ROWTYPE;
    investor users%ROWTYPE;
    open_now integer;
    claimed  jsonb;
BEGIN
    SELECT * INTO answer FROM idempotency_key WHERE user_id = p_investor AND key = p_key;
    IF FOUND THEN
        RETURN reservation_replay(answer, p_request_hash);
    END IF;

    IF (SELECT count(*) FILTER (WHERE status = 'AVAILABLE') FROM parcel WHERE id = ANY (p_parcels))
           < cardinality(p_parcels) THEN
        RETURN jsonb_build_object('outcome', 'unavailable', 'parcels', reservation_parcel_states(p_parcels));
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

    WITH claim AS (
        UPDATE parcel p
           SET status = 'RESERVED', updated_at = now()
         WHERE p.id = ANY (p_parcels)
           AND p.status = 'AVAILABLE'
     RETURNING p.id, p.plot_number, p.estate_id, p.area_m2, p.price_per_m2, p.geom
    )
    SELECT jsonb_agg(jsonb_build_object(
               'id', c.id, 'plotNumber', c.plot_number, 'estateId', c.estate_id, 'estateCode', e.code,
               'estateName', e.name, 'estateNameFa', e.name_fa, 'areaM2', round(c.area_m2::numeric, 1),
               'price', round(c.area_m2 * c.price_per_m2)::bigint,
               'bbox', jsonb_build_array(ST_XMin(c.geom), ST_YMin(c.geom), ST_XMax(c.geom), ST_YMax(c.geom)))
               ORDER BY c.id)
      INTO claimed
      FROM claim c JOIN estate e ON e.id = c.estate_id;

    IF coalesce(jsonb_array_length(claimed), 0) < cardinality(p_parcels) THEN
        RETURN jsonb_build_object('outcome', 'missed', 'parcels', coalesce(claimed, '[]'));
    END IF;
    RETURN jsonb_build_object(
        'outcome', 'claimed',
        'reservationId', nextval('reservation_id_seq'),
        'open', open_now,
        'allocations', (SELECT count(*) FROM allocation WHERE investor_id = p_investor AND status = 'ACTIVE'),
        'investorName', investor.name,
        'investorOrganisation', investor.organisation,
        'parcels', claimed);
END
$$;

-- A stored answer to an Idempotency-Key: the same request gets it again, another request under the key is refused.
CREATE FUNCTION reservation_replay(answer idempotency_key, p_request_hash bytea) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS
$$
SELECT CASE WHEN answer.request_hash = p_request_hash
            THEN jsonb_build_object('outcome', 'replay', 'status', answer.response_status,
                                    'body', answer.response_body)
            ELSE jsonb_build_object('outcome', 'key_reused') END
$$;

-- The requested plots as they are now (no lock), to say why they cannot be reserved.
CREATE FUNCTION reservation_parcel_states(p_parcels bigint[]) RETURNS jsonb
    LANGUAGE sql STABLE AS
$$
SELECT coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'plotNumber', p.plot_number, 'status', p.status)
                          ORDER BY p.id), '[]')
  FROM parcel p
 WHERE p.id = ANY (p_parcels)
$$;
