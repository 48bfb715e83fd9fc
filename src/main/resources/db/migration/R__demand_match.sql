-- The waitlist's side of every change that makes land available: whatever path frees or adds a plot (a reclaim, a
-- rejected or withdrawn reservation, a lapsed hold, an import, a round that left it unwon), the statement that sets
-- it AVAILABLE also records which open requests it matches and puts a notification in each requester's inbox, in
-- the order the requests were registered. One notification per requester and estate per statement, however many
-- plots the statement freed; the e-mail follows from the outbox (inbox.KeyedMailOutbox).

-- The one rule of which open request a plot serves: in the request's estates (or anywhere in its province when it
-- names none), within its area range, of its land use, with at least its utilities.
CREATE OR REPLACE FUNCTION demand_accepts(d demand, plot_estate int, plot_province int, plot_area double precision,
                                          plot_land_use text, plot_utilities text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT d.withdrawn_at IS NULL
       AND (plot_estate = ANY (d.estate_ids) OR (cardinality(d.estate_ids) = 0 AND d.province_id = plot_province))
       AND plot_area BETWEEN d.min_area_m2 AND d.max_area_m2
       AND plot_land_use = d.land_use
       AND plot_utilities @> d.utilities
$$;

-- The open requests, each with whether an available plot serves it now: what planners' unmet demand counts.
CREATE OR REPLACE VIEW demand_open AS
SELECT d.id, d.province_id, d.estate_ids, d.min_area_m2,
       EXISTS (SELECT 1 FROM parcel p JOIN estate e ON e.id = p.estate_id
                WHERE p.status = 'AVAILABLE'
                  AND demand_accepts(d, p.estate_id, e.province_id, p.area_m2, p.land_use, p.utilities)) AS served
  FROM demand d
 WHERE d.withdrawn_at IS NULL;

CREATE OR REPLACE FUNCTION demand_match_plots(freed bigint[]) RETURNS void
    LANGUAGE sql AS $$
    WITH plots AS (
        SELECT p.id, p.plot_number, p.area_m2, p.land_use, p.utilities, p.estate_id,
               e.code, e.name, e.name_fa, e.province_id
          FROM parcel p
          JOIN estate e ON e.id = p.estate_id
         WHERE p.id = ANY (freed) AND p.status = 'AVAILABLE'
    ), matched AS (
        -- Each requester's earliest matching request per plot, ranked by registration across requesters.
        SELECT DISTINCT ON (pl.id, d.investor_id)
               pl.*, d.id AS demand_id, d.investor_id, d.created_at AS registered_at
          FROM plots pl
          JOIN demand d ON d.withdrawn_at IS NULL
                       AND demand_accepts(d, pl.estate_id, pl.province_id, pl.area_m2, pl.land_use, pl.utilities)
         ORDER BY pl.id, d.investor_id, d.created_at, d.id
    ), ranked AS (
        SELECT m.*, row_number() OVER (PARTITION BY m.id ORDER BY m.registered_at, m.demand_id)::int AS position
          FROM matched m
    ), recorded AS (
        INSERT INTO demand_match (demand_id, parcel_id, position, matched_at)
        SELECT demand_id, id, position, now() FROM ranked
        ON CONFLICT DO NOTHING
    ), per_estate AS (
        SELECT investor_id, estate_id, code, name, name_fa, count(*)::int AS plots, min(position) AS position,
               (array_agg(id ORDER BY position, id))[1] AS first_plot_id,
               (array_agg(plot_number ORDER BY position, id))[1] AS first_plot,
               (array_agg(round(area_m2) ORDER BY position, id))[1] AS first_area_m2,
               min(registered_at) AS registered_at
          FROM ranked
         GROUP BY investor_id, estate_id, code, name, name_fa
    )
    INSERT INTO notification (user_id, kind, message_key, params, link, created_at)
    SELECT investor_id, 'demand_match', 'notice.demandMatch',
           jsonb_build_object('plots', plots, 'estate', code, 'estateName', name, 'estateNameFa', name_fa,
                              'plot', first_plot, 'areaM2', first_area_m2, 'position', position),
           '#/parcel/' || first_plot_id, now()
      FROM per_estate
     ORDER BY registered_at, investor_id;
$$;

CREATE OR REPLACE FUNCTION demand_match_updated() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM demand WHERE withdrawn_at IS NULL) THEN
        PERFORM demand_match_plots(ARRAY(
            SELECT n.id FROM demand_new_rows n JOIN demand_old_rows o ON o.id = n.id
             WHERE n.status = 'AVAILABLE' AND o.status <> 'AVAILABLE'));
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION demand_match_inserted() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM demand WHERE withdrawn_at IS NULL) THEN
        PERFORM demand_match_plots(ARRAY(SELECT n.id FROM demand_new_rows n WHERE n.status = 'AVAILABLE'));
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS parcel_available_matches_demand ON parcel;
CREATE TRIGGER parcel_available_matches_demand
    AFTER UPDATE ON parcel
    REFERENCING OLD TABLE AS demand_old_rows NEW TABLE AS demand_new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION demand_match_updated();

DROP TRIGGER IF EXISTS parcel_added_matches_demand ON parcel;
CREATE TRIGGER parcel_added_matches_demand
    AFTER INSERT ON parcel
    REFERENCING NEW TABLE AS demand_new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION demand_match_inserted();
