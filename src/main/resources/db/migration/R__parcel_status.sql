-- The one place a plot's public status changes: every status write, from SQL (holds, the idle scan) or from Java
-- (parcel.ParcelStatusWriter), goes through parcel_set_status. It sets p_to on the given plots that are not already
-- in it and, when p_from is given, only on those currently in one of the p_from states; it returns the plots it
-- changed. updated_at follows; idle_since is kept by the parcel_track_idle_since trigger, and the status is checked
-- against its vocabulary by parcel_check_vocabulary. PL/pgSQL, so that its statement keeps one cached plan instead
-- of being planned again on every call (a SQL-language function that returns a set is not inlined).
CREATE OR REPLACE FUNCTION parcel_set_status(p_ids bigint[], p_to text, p_from text[] DEFAULT NULL)
    RETURNS SETOF bigint
    LANGUAGE plpgsql AS
$$
BEGIN
    RETURN QUERY
    UPDATE parcel
       SET status = p_to, updated_at = now()
     WHERE id = ANY (p_ids)
       AND status <> p_to
       AND (p_from IS NULL OR status = ANY (p_from))
    RETURNING id;
END
$$;
