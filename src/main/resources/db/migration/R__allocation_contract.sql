-- Every allocation gets its contract and milestones when its transaction commits (deferred: the plots are
-- inserted after the allocation row). Price and plan follow the category policy (R__category_policy.sql) of the
-- allocation's source: a reservation's activity and knowledge-based flag under its estate class's policies, or a round
-- award's application under the policies its offer published. This is the one place an allocation starts a contract,
-- whichever way it came (allocation_open, R__allocation_open.sql).
CREATE OR REPLACE FUNCTION allocation_create_contract() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    t contract_terms%ROWTYPE;
    pl category_policy%ROWTYPE;
    list bigint;
    signed date := (NEW.created_at AT TIME ZONE 'UTC')::date;
    possession date;
BEGIN
    IF EXISTS (SELECT 1 FROM allocation_contract WHERE allocation_id = NEW.id) THEN
        RETURN NULL;
    END IF;
    SELECT ct.* INTO t FROM contract_terms ct JOIN estate e ON e.kind = ct.estate_kind WHERE e.id = NEW.estate_id;
    IF NEW.award_hold_id IS NOT NULL THEN
        SELECT (round_application_policy(h.application_id)).* INTO pl
          FROM round_award_hold h WHERE h.id = NEW.award_hold_id;
    ELSE
        SELECT (category_policy_pick(t.estate_kind, NULL, r.activity_isic, r.knowledge_based)).* INTO pl
          FROM reservation r WHERE r.id = NEW.reservation_id;
    END IF;
    IF pl.code IS NULL THEN
        pl := category_policy_pick(t.estate_kind, NULL, NULL, false);
    END IF;
    list := land_list_price(ARRAY(SELECT ap.parcel_id FROM allocation_parcel ap WHERE ap.allocation_id = NEW.id));
    INSERT INTO allocation_contract (allocation_id, signed_on, price, plan_code, cash_share_bp, grace_months,
                                     instalment_count, interval_months, forgiven_bp, max_extensions,
                                     max_extension_months, notice_reply_days, list_price, price_share_bp)
    SELECT NEW.id, signed, category_policy_price(list, pl.price_share_bp),
           pl.code, pl.cash_share_bp, pl.grace_months, pl.instalment_count, pl.interval_months, pl.forgiven_bp,
           t.max_extensions, t.max_extension_months, t.notice_reply_days, list, pl.price_share_bp;
    possession := signed + make_interval(months => t.possession_months);
    INSERT INTO milestone (allocation_id, kind, deadline) VALUES
        (NEW.id, 'POSSESSION', possession),
        (NEW.id, 'BUILDING_PERMIT', possession + make_interval(months => t.permit_months)),
        (NEW.id, 'CONSTRUCTION_START', possession + make_interval(months => t.construction_start_months)),
        (NEW.id, 'CONSTRUCTION_COMPLETION', possession + make_interval(months => t.completion_months)),
        (NEW.id, 'OPERATING_LICENCE', possession + make_interval(months => t.licence_months));
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS allocation_create_contract ON allocation;
CREATE CONSTRAINT TRIGGER allocation_create_contract
    AFTER INSERT ON allocation DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION allocation_create_contract();
