-- Every allocation gets its contract and milestones when its transaction commits (deferred: the plots are
-- inserted after the allocation row). The plan follows the reservation's knowledge-based flag and the estate class.
CREATE OR REPLACE FUNCTION allocation_create_contract() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    t contract_terms%ROWTYPE;
    pl payment_plan%ROWTYPE;
    kb boolean;
    signed date := (NEW.created_at AT TIME ZONE 'UTC')::date;
    possession date;
BEGIN
    IF EXISTS (SELECT 1 FROM allocation_contract WHERE allocation_id = NEW.id) THEN
        RETURN NULL;
    END IF;
    SELECT ct.* INTO t FROM contract_terms ct JOIN estate e ON e.kind = ct.estate_kind WHERE e.id = NEW.estate_id;
    SELECT coalesce(r.knowledge_based, false) INTO kb FROM reservation r WHERE r.id = NEW.reservation_id;
    SELECT * INTO pl FROM payment_plan
     WHERE estate_kind = t.estate_kind AND code = CASE WHEN kb THEN 'KNOWLEDGE_BASED' ELSE 'STANDARD' END;
    INSERT INTO allocation_contract (allocation_id, signed_on, price, plan_code, cash_share_bp, grace_months,
                                     instalment_count, interval_months, forgiven_bp, max_extensions,
                                     max_extension_months, notice_reply_days)
    SELECT NEW.id, signed,
           coalesce((SELECT sum(round(p.area_m2 * p.price_per_m2))::bigint
                       FROM allocation_parcel ap JOIN parcel p ON p.id = ap.parcel_id
                      WHERE ap.allocation_id = NEW.id), 0),
           pl.code, pl.cash_share_bp, pl.grace_months, pl.instalment_count, pl.interval_months, pl.forgiven_bp,
           t.max_extensions, t.max_extension_months, t.notice_reply_days;
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
