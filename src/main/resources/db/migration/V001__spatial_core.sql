-- The spatial core: provinces, estates, parcels (plots) and infrastructure lines, all in EPSG:4326.
-- Every invariant that can be stated is enforced here, not only in Java.

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE province (
    id      serial PRIMARY KEY,
    code    text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,15}$'),
    name    text NOT NULL CHECK (btrim(name) <> ''),
    name_fa text NOT NULL CHECK (btrim(name_fa) <> '')
);

CREATE TABLE estate (
    id                serial PRIMARY KEY,
    code              text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
    province_id       int NOT NULL REFERENCES province (id),
    name              text NOT NULL CHECK (btrim(name) <> ''),
    name_fa           text NOT NULL CHECK (btrim(name_fa) <> ''),
    kind              text NOT NULL CHECK (kind IN ('INDUSTRIAL_ESTATE', 'INDUSTRIAL_ZONE', 'FREE_ZONE', 'CLUSTER',
                                                    'SMALL_WORKSHOP_COMPLEX')),
    operator          text NOT NULL,
    land_price_per_m2 bigint NOT NULL CHECK (land_price_per_m2 >= 0),
    -- {"water": {"capacity": 1200, "unit": "m3/day"}, "power": {...}, ...}
    utilities         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(utilities) = 'object'),
    boundary          geometry(Polygon, 4326) NOT NULL,
    area_m2           double precision GENERATED ALWAYS AS (ST_Area(boundary::geography)) STORED,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT estate_boundary_valid CHECK (ST_IsValid(boundary) AND NOT ST_IsEmpty(boundary))
);
CREATE INDEX estate_boundary_gix ON estate USING gist (boundary);
CREATE INDEX estate_province_idx ON estate (province_id);

CREATE TABLE parcel (
    id           bigserial PRIMARY KEY,
    estate_id    int NOT NULL REFERENCES estate (id),
    plot_number  text NOT NULL CHECK (plot_number ~ '^[^\s].{0,31}$'),
    geom         geometry(Polygon, 4326) NOT NULL,
    -- Geodesic area on the WGS84 spheroid, computed by the database and never typed in.
    area_m2      double precision GENERATED ALWAYS AS (ST_Area(geom::geography)) STORED,
    land_use     text NOT NULL CHECK (land_use IN ('industrial', 'warehouse', 'workshop', 'services', 'green', 'road')),
    price_per_m2 bigint NOT NULL CHECK (price_per_m2 >= 0),
    utilities    text[] NOT NULL DEFAULT '{}'
                 CHECK (utilities <@ ARRAY['water', 'power', 'gas', 'telecom', 'wastewater']::text[]),
    status       text NOT NULL DEFAULT 'NOT_OFFERED'
                 CHECK (status IN ('AVAILABLE', 'RESERVED', 'ALLOCATED', 'UNDER_CONSTRUCTION', 'IN_PRODUCTION', 'IDLE',
                                   'RECLAIMING', 'NOT_OFFERED')),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT parcel_plot_number_unique UNIQUE (estate_id, plot_number),
    CONSTRAINT parcel_geom_valid CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom))
);
CREATE INDEX parcel_geom_gix ON parcel USING gist (geom);
CREATE INDEX parcel_estate_status_idx ON parcel (estate_id, status);
CREATE INDEX parcel_status_idx ON parcel (status);

CREATE TABLE infrastructure_line (
    id        bigserial PRIMARY KEY,
    kind      text NOT NULL CHECK (kind IN ('road', 'rail', 'power', 'gas', 'water')),
    name      text,
    estate_id int REFERENCES estate (id),
    geom      geometry(LineString, 4326) NOT NULL,
    length_m  double precision GENERATED ALWAYS AS (ST_Length(geom::geography)) STORED,
    CONSTRAINT infrastructure_geom_valid CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom))
);
CREATE INDEX infrastructure_line_geom_gix ON infrastructure_line USING gist (geom);
CREATE INDEX infrastructure_line_kind_idx ON infrastructure_line (kind);

-- Small facts about this database, such as when the sample data was loaded.
CREATE TABLE app_state (
    key        text PRIMARY KEY,
    value      text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Estates never overlap one another. Writers of estate geometry take one advisory lock, so two
-- concurrent inserts cannot both pass the check.
CREATE FUNCTION estate_check_boundary() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    other text;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.boundary = OLD.boundary THEN
        RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('zamin.estate.boundary'));
    SELECT e.code INTO other
      FROM estate e
     WHERE e.id <> NEW.id
       AND e.boundary && NEW.boundary
       AND ST_Relate(e.boundary, NEW.boundary, '2********')
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'estate_no_overlap',
            MESSAGE = format('estate %s overlaps estate %s', NEW.code, other);
    END IF;
    IF TG_OP = 'UPDATE' THEN
        SELECT p.plot_number INTO other
          FROM parcel p
         WHERE p.estate_id = NEW.id AND NOT ST_CoveredBy(p.geom, NEW.boundary)
         LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'parcel_inside_estate',
                MESSAGE = format('the new boundary of estate %s leaves plot %s outside', NEW.code, other);
        END IF;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER estate_check_boundary
    BEFORE INSERT OR UPDATE OF boundary ON estate
    FOR EACH ROW EXECUTE FUNCTION estate_check_boundary();

-- A plot lies inside its estate and overlaps no other plot. Neighbours may share an edge; any shared
-- area above a hundredth of a square metre (survey noise) is an overlap, and so is a plot inside another.
-- Geometry writers of one estate take that estate's advisory lock, so concurrent writers are checked
-- one after the other and can never both commit an overlap.
CREATE FUNCTION parcel_check_geometry() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    clash record;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.geom = OLD.geom AND NEW.estate_id = OLD.estate_id THEN
        RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('zamin.parcel.geometry'), NEW.estate_id);
    IF NOT EXISTS (SELECT 1 FROM estate e WHERE e.id = NEW.estate_id AND ST_CoveredBy(NEW.geom, e.boundary)) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'parcel_inside_estate',
            MESSAGE = format('plot %s is not inside its estate boundary', NEW.plot_number);
    END IF;
    SELECT p.plot_number, ST_Area(ST_Intersection(p.geom, NEW.geom)::geography) AS overlap_m2 INTO clash
      FROM parcel p
     WHERE p.id <> NEW.id
       AND p.estate_id = NEW.estate_id
       AND p.geom && NEW.geom
       AND ST_Relate(p.geom, NEW.geom, '2********')
       AND ST_Area(ST_Intersection(p.geom, NEW.geom)::geography) > 0.01
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'parcel_no_overlap',
            MESSAGE = format('plot %s overlaps plot %s by %s m²', NEW.plot_number, clash.plot_number,
                             round(clash.overlap_m2::numeric, 2));
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE TRIGGER parcel_check_geometry
    BEFORE INSERT OR UPDATE OF geom, estate_id ON parcel
    FOR EACH ROW EXECUTE FUNCTION parcel_check_geometry();
