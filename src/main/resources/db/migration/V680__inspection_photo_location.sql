-- Where an inspection photo was taken: from the photo's own EXIF GPS position or, when it has none, from the
-- inspector's device when the inspection was sent; and how far that is from the inspected plots (metres, kept by
-- the trigger in R__attachment_location.sql), so a photo taken far from the plot is flagged.
ALTER TABLE attachment
    ADD COLUMN location        geometry(Point, 4326),
    ADD COLUMN location_source text CHECK (location_source IN ('EXIF', 'DEVICE')),
    ADD COLUMN distance_m      double precision CHECK (distance_m >= 0),
    ADD CONSTRAINT attachment_location_has_source CHECK ((location IS NULL) = (location_source IS NULL)),
    ADD CONSTRAINT attachment_location_on_earth CHECK (location IS NULL OR (ST_X(location) BETWEEN -180 AND 180
                                                                          AND ST_Y(location) BETWEEN -90 AND 90));
