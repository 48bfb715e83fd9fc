-- Category policies (V762): which policy an applicant gets, what a plot costs under it, and the offer's copy of its
-- class's policies made when the offer is published. The one home of these rules: the award's deposit
-- (sql/round/award_*.sql) and the contract's price and plan (R__allocation_contract.sql) both call these.

-- The policy an applicant gets: of the offer's published policies (p_offer), else of the estate class's current ones,
-- the one of lowest priority whose ISIC prefix the activity starts with (none: any activity) and that is for
-- knowledge-based firms only if the applicant is one. STANDARD, for everyone, is last.
CREATE OR REPLACE FUNCTION category_policy_pick(p_estate_kind text, p_offer bigint, p_activity text,
                                                p_knowledge_based boolean) RETURNS category_policy
    LANGUAGE sql STABLE AS
$$
    SELECT p.*
      FROM (SELECT cp.* FROM category_policy cp WHERE p_offer IS NULL AND cp.estate_kind = p_estate_kind
            UNION ALL
            SELECT p_estate_kind, op.code, op.priority, op.isic_prefix, op.knowledge_based, op.price_share_bp,
                   op.cash_share_bp, op.grace_months, op.instalment_count, op.interval_months, op.forgiven_bp,
                   op.auction_exempt
              FROM offer_category_policy op WHERE op.offer_id = p_offer) p
     WHERE (p.isic_prefix IS NULL OR coalesce(p_activity, '') LIKE p.isic_prefix || '%')
       AND (NOT p.knowledge_based OR coalesce(p_knowledge_based, false))
     ORDER BY p.priority
     LIMIT 1
$$;

-- The list price of plots: the sum of each plot's geodesic area × price per m², each rounded to a whole rial.
CREATE OR REPLACE FUNCTION land_list_price(p_parcels bigint[]) RETURNS bigint
    LANGUAGE sql STABLE AS
$$
    SELECT coalesce(sum(round(p.area_m2 * p.price_per_m2))::bigint, 0) FROM parcel p WHERE p.id = ANY (p_parcels)
$$;

-- What a policy charges of a list price: list × price_share_bp / 10000, rounded down to a whole rial (exact).
CREATE OR REPLACE FUNCTION category_policy_price(p_list bigint, p_price_share_bp int) RETURNS bigint
    LANGUAGE sql IMMUTABLE AS
$$
    SELECT floor(p_list::numeric * p_price_share_bp / 10000)::bigint
$$;

-- The policy of a round application: the offer's published policy its activity and knowledge-based flag match.
CREATE OR REPLACE FUNCTION round_application_policy(p_application bigint) RETURNS category_policy
    LANGUAGE sql STABLE AS
$$
    SELECT category_policy_pick(e.kind, a.offer_id, a.activity_isic, a.knowledge_based)
      FROM round_application a JOIN offer o ON o.id = a.offer_id JOIN estate e ON e.id = o.estate_id
     WHERE a.id = p_application
$$;

-- The land price of plot p_parcel for round application p_application, under the offer's published policy.
CREATE OR REPLACE FUNCTION round_award_price(p_application bigint, p_parcel bigint) RETURNS bigint
    LANGUAGE sql STABLE AS
$$
    SELECT category_policy_price(land_list_price(ARRAY[p_parcel]), (round_application_policy(p_application)).price_share_bp)
$$;

-- An offer leaving DRAFT publishes its class's policies as they stand: copied once, never changed after.
CREATE OR REPLACE FUNCTION offer_category_policy_snapshot() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO offer_category_policy
    SELECT NEW.id, cp.code, cp.priority, cp.isic_prefix, cp.knowledge_based, cp.price_share_bp, cp.cash_share_bp,
           cp.grace_months, cp.instalment_count, cp.interval_months, cp.forgiven_bp, cp.auction_exempt
      FROM estate e JOIN category_policy cp ON cp.estate_kind = e.kind
     WHERE e.id = NEW.estate_id
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS offer_category_policy_snapshot ON offer;
CREATE TRIGGER offer_category_policy_snapshot
    AFTER UPDATE OF state ON offer
    FOR EACH ROW WHEN (OLD.state = 'DRAFT' AND NEW.state <> 'DRAFT')
    EXECUTE FUNCTION offer_category_policy_snapshot();
DROP TRIGGER IF EXISTS offer_category_policy_snapshot_insert ON offer;
CREATE TRIGGER offer_category_policy_snapshot_insert
    AFTER INSERT ON offer
    FOR EACH ROW WHEN (NEW.state <> 'DRAFT')
    EXECUTE FUNCTION offer_category_policy_snapshot();

-- A published offer's policies are what its applicants applied under: never rewritten.
CREATE OR REPLACE FUNCTION offer_category_policy_kept() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'offer_category_policy_kept',
        MESSAGE = 'the policies an offer published are never changed';
END
$$;

DROP TRIGGER IF EXISTS offer_category_policy_kept ON offer_category_policy;
CREATE TRIGGER offer_category_policy_kept
    BEFORE UPDATE ON offer_category_policy
    FOR EACH ROW EXECUTE FUNCTION offer_category_policy_kept();
