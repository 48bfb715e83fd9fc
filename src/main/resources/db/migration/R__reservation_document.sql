-- The reservation document: a reservation as the API shows it (GET /api/reservations/{id}, the list, and the 201
-- answer of the hold that made it). reservation_document is the one place its fields are named; it takes the
-- reservation's own values from its caller, so that the hold builds the answer from what it has at hand and the
-- reads from the tables, and both get the same document, field for field and in the same order.
-- PL/pgSQL rather than SQL for speed alone: PostgreSQL cannot inline a SQL function with subqueries, and would plan
-- its body again on every call from another function, while it keeps a PL/pgSQL function's plan for the session.
CREATE OR REPLACE FUNCTION reservation_document(
        p_id bigint, p_status text, p_estate_code text, p_estate_name text, p_estate_name_fa text,
        p_investor_id bigint, p_investor_name text, p_investor_organisation text, p_activity text,
        p_investment bigint, p_jobs integer, p_knowledge_based boolean, p_deposit_amount bigint,
        p_created_at timestamptz, p_hold_expires_at timestamptz, p_submitted_at timestamptz,
        p_closed_at timestamptz, p_reason text, p_parcel_ids bigint[], p_payment json, p_allocation_id bigint,
        p_open_reservations bigint, p_allocations bigint)
    RETURNS json
    LANGUAGE plpgsql STABLE AS
$$
DECLARE
    plots  json;
    extent box2d;
BEGIN
SELECT json_agg(json_build_object('id', p.id, 'plotNumber', p.plot_number, 'areaM2', round(p.area_m2::numeric, 1),
                                  'status', p.status) ORDER BY p.id),
       ST_Extent(p.geom)
  INTO plots, extent
  FROM parcel p WHERE p.id = ANY (p_parcel_ids);
RETURN json_build_object(
           'id', p_id,
           'status', p_status,
           'estate', p_estate_code,
           'estateName', p_estate_name,
           'estateNameFa', p_estate_name_fa,
           'investorId', p_investor_id,
           'investorName', p_investor_name,
           'investorOrganisation', p_investor_organisation,
           'activity', p_activity,
           'investment', p_investment,
           'jobs', p_jobs,
           'knowledgeBased', p_knowledge_based,
           'depositAmount', p_deposit_amount,
           'createdAt', p_created_at,
           'holdExpiresAt', p_hold_expires_at,
           'submittedAt', p_submitted_at,
           'closedAt', p_closed_at,
           'reason', p_reason,
           'parcels', plots,
           'bbox', json_build_array(ST_XMin(extent), ST_YMin(extent), ST_XMax(extent), ST_YMax(extent)),
           'payment', p_payment,
           'allocationId', p_allocation_id,
           'investorHoldings', json_build_object('openReservations', p_open_reservations,
                                                 'allocations', p_allocations));
END
$$;

-- A stored reservation's document, read from the tables (PL/pgSQL for the same reason).
CREATE OR REPLACE FUNCTION reservation_json(p_id bigint) RETURNS json
    LANGUAGE plpgsql STABLE AS
$$
BEGIN
RETURN (SELECT reservation_document(
                   r.id, r.status, e.code, e.name, e.name_fa, r.investor_id, u.name, u.organisation, r.activity_isic,
                   r.investment, r.jobs, r.knowledge_based, r.deposit_amount, r.created_at, r.hold_expires_at,
                   r.submitted_at, r.closed_at, r.reason, plots.ids,
                   (SELECT json_build_object('gateway', pm.gateway, 'amount', pm.amount, 'sandbox', pm.sandbox,
                                             'receipt', pm.receipt, 'paidAt', pm.paid_at,
                                             'refundStatus', pm.refund_status)
                      FROM payment pm WHERE pm.reservation_id = r.id),
                   (SELECT a.id FROM allocation a WHERE a.reservation_id = r.id),
                   (SELECT count(*) FROM reservation o
                     WHERE o.investor_id = r.investor_id AND o.id <> r.id AND o.status IN ('HELD', 'SUBMITTED')),
                   (SELECT count(*) FROM allocation a WHERE a.investor_id = r.investor_id AND a.status = 'ACTIVE'))
          FROM reservation r
          JOIN estate e ON e.id = r.estate_id
          JOIN users u ON u.id = r.investor_id
          CROSS JOIN LATERAL (SELECT array_agg(rp.parcel_id) AS ids
                                FROM reservation_parcel rp WHERE rp.reservation_id = r.id) plots
         WHERE r.id = p_id);
END
$$;
