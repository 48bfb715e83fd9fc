-- A closed round's document (and an amendment's) is one JSON text of tens of megabytes for a large round (46 MB for
-- 100,000 applications). PostgreSQL compresses such a value as it stores it, with pglz unless told otherwise; lz4
-- compresses and decompresses it several times faster (bench/README.md, "What a round's close and an application
-- spend"). Only values written from now on are affected. A server built without lz4 keeps pglz.
DO $$
BEGIN
    ALTER TABLE offer ALTER COLUMN document SET COMPRESSION lz4;
    ALTER TABLE round_amendment ALTER COLUMN document SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'this PostgreSQL has no lz4: round documents stay compressed with pglz';
END
$$;
