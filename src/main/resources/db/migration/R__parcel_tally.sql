-- Plot counts and areas per estate and status kept by the database (tables in V700__parcel_tally.sql), and the
-- map's change counter the tile cache keys on. Statement-level triggers with transition tables: one insert of net
-- changes per statement, whatever the number of plots it touched; rows that changed neither estate, status nor
-- area cancel out.

-- The totals as they stand: compacted rows plus the deltas not yet folded in. Estates without plots have no row.
CREATE OR REPLACE VIEW parcel_tally_now AS
SELECT estate_id, status, sum(plots)::bigint AS plots, sum(area_m2)::float8 AS area_m2
  FROM (SELECT estate_id, status, plots, area_m2 FROM parcel_tally
        UNION ALL
        SELECT estate_id, status, plots, area_m2 FROM parcel_tally_delta) t
 GROUP BY estate_id, status
HAVING sum(plots) <> 0;

-- The map's change counter: the number of committed statements that changed plots or estates.
CREATE OR REPLACE FUNCTION map_generation() RETURNS bigint
    LANGUAGE sql STABLE AS $$
    SELECT coalesce(sum(changes), 0)::bigint FROM map_change
$$;

-- Folds the deltas into the totals and the change rows into one. One compactor at a time (a transaction-scoped
-- advisory lock taken with try: a busy compactor is simply skipped); readers see the sums before or after, never
-- between, since each fold is one statement. Rows are updated in (estate, status) order.
CREATE OR REPLACE FUNCTION parcel_tally_compact() RETURNS boolean
    LANGUAGE plpgsql AS $$
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('zamin.parcel.tally')) THEN
        RETURN false;
    END IF;
    WITH moved AS (
        DELETE FROM parcel_tally_delta RETURNING estate_id, status, plots, area_m2
    ), summed AS (
        SELECT estate_id, status, sum(plots) AS plots, sum(area_m2) AS area_m2
          FROM moved GROUP BY estate_id, status
    )
    INSERT INTO parcel_tally AS t (estate_id, status, plots, area_m2)
    SELECT estate_id, status, plots, area_m2 FROM summed ORDER BY estate_id, status
        ON CONFLICT (estate_id, status)
        DO UPDATE SET plots = t.plots + EXCLUDED.plots, area_m2 = t.area_m2 + EXCLUDED.area_m2;
    DELETE FROM parcel_tally WHERE plots = 0;
    WITH gone AS (
        DELETE FROM map_change RETURNING changes
    )
    INSERT INTO map_change (changes) SELECT sum(changes) FROM gone HAVING count(*) > 0;
    RETURN true;
END $$;

-- Appends the net change of one statement on parcel (from its transition tables) and one map change; now and
-- then (one statement in 64) also compacts, so the deltas stay a few rows.
CREATE OR REPLACE FUNCTION parcel_tally_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO parcel_tally_delta (estate_id, status, plots, area_m2)
        SELECT estate_id, status, count(*), sum(area_m2::numeric)
          FROM tally_new GROUP BY estate_id, status ORDER BY estate_id, status;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO parcel_tally_delta (estate_id, status, plots, area_m2)
        SELECT estate_id, status, -count(*), -sum(area_m2::numeric)
          FROM tally_old GROUP BY estate_id, status ORDER BY estate_id, status;
    ELSE
        INSERT INTO parcel_tally_delta (estate_id, status, plots, area_m2)
        SELECT estate_id, status, sum(n), sum(a)
          FROM (SELECT estate_id, status, 1 AS n, area_m2::numeric AS a FROM tally_new
                UNION ALL
                SELECT estate_id, status, -1, -area_m2::numeric FROM tally_old) c
         GROUP BY estate_id, status
        HAVING sum(n) <> 0 OR sum(a) <> 0
         ORDER BY estate_id, status;
    END IF;
    -- A statement that touched no plot (a sweep that found nothing due) changes no tile.
    IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM tally_old) THEN
            INSERT INTO map_change DEFAULT VALUES;
        END IF;
    ELSIF EXISTS (SELECT 1 FROM tally_new) THEN
        INSERT INTO map_change DEFAULT VALUES;
    END IF;
    -- Plots that came or went now are in no snapshot of this month or later (R__planning_history.sql); such
    -- snapshots exist only where a server's clock runs ahead of the database's, and are dropped.
    IF TG_OP <> 'UPDATE' THEN
        PERFORM history_snapshot_invalidate(date_trunc('month', now() AT TIME ZONE 'UTC')::date);
    END IF;
    IF random() < 1.0 / 64 THEN
        PERFORM parcel_tally_compact();
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS parcel_tally_inserted ON parcel;
CREATE TRIGGER parcel_tally_inserted
    AFTER INSERT ON parcel
    REFERENCING NEW TABLE AS tally_new
    FOR EACH STATEMENT EXECUTE FUNCTION parcel_tally_changed();

DROP TRIGGER IF EXISTS parcel_tally_updated ON parcel;
CREATE TRIGGER parcel_tally_updated
    AFTER UPDATE ON parcel
    REFERENCING OLD TABLE AS tally_old NEW TABLE AS tally_new
    FOR EACH STATEMENT EXECUTE FUNCTION parcel_tally_changed();

DROP TRIGGER IF EXISTS parcel_tally_deleted ON parcel;
CREATE TRIGGER parcel_tally_deleted
    AFTER DELETE ON parcel
    REFERENCING OLD TABLE AS tally_old
    FOR EACH STATEMENT EXECUTE FUNCTION parcel_tally_changed();

-- Estates are drawn in tiles too (and name the plots'): any change to them is a map change.
CREATE OR REPLACE FUNCTION map_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO map_change DEFAULT VALUES;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS estate_map_changed ON estate;
CREATE TRIGGER estate_map_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON estate
    FOR EACH STATEMENT EXECUTE FUNCTION map_changed();

-- A truncated parcel table has no plots to count.
CREATE OR REPLACE FUNCTION parcel_tally_truncated() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM parcel_tally;
    DELETE FROM parcel_tally_delta;
    INSERT INTO map_change DEFAULT VALUES;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS parcel_tally_truncated ON parcel;
CREATE TRIGGER parcel_tally_truncated
    AFTER TRUNCATE ON parcel
    FOR EACH STATEMENT EXECUTE FUNCTION parcel_tally_truncated();
