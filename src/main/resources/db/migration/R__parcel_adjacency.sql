-- Plot adjacency (table parcel_adjacency, V710) kept by the database as plot geometries are written: two plots
-- are neighbours when their intersection has dimension 1 or more, a shared boundary segment of positive length
-- (or the sub-0.01 m² overlap the plot constraints tolerate); a shared corner alone does not join them. Vacant
-- blocks (planning/available.sql) are the connected components of available plots over this graph.
--
-- Writers of one estate are serialised by parcel_check_geometry's advisory lock (R__parcel_geometry.sql). A plot
-- on an estate's edge can also touch a plot of the estate next door, so the triggers below take that estate's
-- lock too before they look for neighbours: two transactions writing either side of a shared estate edge then
-- see each other's plots (or one of them is chosen as a deadlock victim and can be retried), never both miss.

-- The one definition of "neighbours".
CREATE OR REPLACE FUNCTION parcel_shares_edge(a geometry, b geometry) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT ST_Intersects(a, b) AND ST_Dimension(ST_Intersection(a, b)) > 0
$$;

-- New plots, set-based (an import or `zamin generate` writes many in one statement).
CREATE OR REPLACE FUNCTION parcel_adjacency_inserted() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('zamin.parcel.geometry'), id)
       FROM (SELECT DISTINCT e.id
               FROM new_rows n
               JOIN estate e ON e.boundary && n.geom AND e.id <> n.estate_id AND ST_Intersects(e.boundary, n.geom)
              ORDER BY e.id) o;
    INSERT INTO parcel_adjacency (parcel_id, neighbour_id)
    SELECT v.a, v.b
      FROM new_rows n
      JOIN parcel p ON p.geom && n.geom AND p.id <> n.id AND parcel_shares_edge(p.geom, n.geom)
     CROSS JOIN LATERAL (VALUES (n.id, p.id), (p.id, n.id)) AS v(a, b)
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

-- A plot whose geometry changed: its old pairs go, its new ones come.
CREATE OR REPLACE FUNCTION parcel_adjacency_moved() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.geom = OLD.geom THEN
        RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('zamin.parcel.geometry'), id)
       FROM (SELECT e.id
               FROM estate e
              WHERE e.id <> NEW.estate_id
                AND ((e.boundary && NEW.geom AND ST_Intersects(e.boundary, NEW.geom))
                  OR (e.boundary && OLD.geom AND ST_Intersects(e.boundary, OLD.geom)))
              ORDER BY e.id) o;
    DELETE FROM parcel_adjacency WHERE parcel_id = NEW.id OR neighbour_id = NEW.id;
    INSERT INTO parcel_adjacency (parcel_id, neighbour_id)
    SELECT v.a, v.b
      FROM parcel p
     CROSS JOIN LATERAL (VALUES (NEW.id, p.id), (p.id, NEW.id)) AS v(a, b)
     WHERE p.geom && NEW.geom AND p.id <> NEW.id AND parcel_shares_edge(p.geom, NEW.geom)
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS parcel_adjacency_inserted ON parcel;
CREATE TRIGGER parcel_adjacency_inserted
    AFTER INSERT ON parcel
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION parcel_adjacency_inserted();

DROP TRIGGER IF EXISTS parcel_adjacency_moved ON parcel;
CREATE TRIGGER parcel_adjacency_moved
    AFTER UPDATE OF geom ON parcel
    FOR EACH ROW EXECUTE FUNCTION parcel_adjacency_moved();

-- The plots written before V710: filled when the graph is empty (the first run after V710; on a later change of
-- this file it finds the same empty graph again, or does nothing).
INSERT INTO parcel_adjacency (parcel_id, neighbour_id)
SELECT a.id, b.id
  FROM parcel a
  JOIN parcel b ON b.geom && a.geom AND b.id <> a.id AND parcel_shares_edge(a.geom, b.geom)
 WHERE NOT EXISTS (SELECT 1 FROM parcel_adjacency)
    ON CONFLICT DO NOTHING;
