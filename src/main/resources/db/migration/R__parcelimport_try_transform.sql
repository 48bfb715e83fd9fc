-- Parcel import: reprojection that reports failure as NULL (out-of-range coordinates for the source CRS) instead
-- of aborting the import transaction, so the report can name the feature.
CREATE OR REPLACE FUNCTION zamin_try_transform(g geometry, srid int) RETURNS geometry
    LANGUAGE plpgsql IMMUTABLE STRICT AS
$$
DECLARE
    result geometry;
BEGIN
    result := ST_Transform(g, srid);
    IF NOT ST_IsEmpty(result) AND NOT (ST_XMin(result) >= -180 AND ST_XMax(result) <= 180
                                       AND ST_YMin(result) >= -90 AND ST_YMax(result) <= 90) THEN
        RETURN NULL;
    END IF;
    RETURN result;
EXCEPTION WHEN OTHERS THEN
    RETURN NULL;
END
$$;
