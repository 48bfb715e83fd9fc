-- Planning: when a plot became idle (for the what-if of reclaiming land idle for more than N years), and
-- geography indexes so that geodesic radius and infrastructure-distance searches use an index.

ALTER TABLE parcel ADD COLUMN idle_since date;

-- The synthetic start of idleness of a sample plot: a deterministic spread over the past 0–6 years
-- (0 … 2191 days before the load date), from the plot id alone, so every load gives the same spread.
CREATE FUNCTION planning_sample_idle_since(plot_id bigint) RETURNS date
    LANGUAGE sql STABLE AS
$$ SELECT current_date - ((plot_id * 7919) % 2192)::int $$;

-- Plots that are idle already (sample data loaded before this migration) get the synthetic start.
UPDATE parcel SET idle_since = planning_sample_idle_since(id) WHERE status = 'IDLE';

-- Kept true by the database: only idle plots carry idle_since; a plot that becomes idle is idle from today
-- unless the writer says since when; leaving IDLE clears it.
CREATE FUNCTION parcel_track_idle_since() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.status <> 'IDLE' THEN
        NEW.idle_since := NULL;
    ELSIF NEW.idle_since IS NULL THEN
        NEW.idle_since := current_date;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER parcel_track_idle_since
    BEFORE INSERT OR UPDATE OF status, idle_since ON parcel
    FOR EACH ROW EXECUTE FUNCTION parcel_track_idle_since();

ALTER TABLE parcel ADD CONSTRAINT parcel_idle_since_only_when_idle
    CHECK ((status = 'IDLE') = (idle_since IS NOT NULL));

CREATE INDEX parcel_geog_gix ON parcel USING gist ((geom::geography));
CREATE INDEX infrastructure_line_geog_gix ON infrastructure_line USING gist ((geom::geography));
CREATE INDEX parcel_updated_at_idx ON parcel (updated_at);
