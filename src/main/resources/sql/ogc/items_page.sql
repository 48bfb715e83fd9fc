-- One page of an OGC API collection's items, the shape every collection shares: the collection's query (its
-- file, inserted as the CTE matched) gives each matching item's keyset key (`key`: a plot's id, an estate's code) and
-- the item's row (`item`), whose GeoJSON Feature ogc_feature (R__public_ogc_features.sql) builds for the page's
-- rows only (never for the rows an offset skips or the count reads), in the requested CRS. The page starts after
-- the key :after (keyset, the next link's cursor; cast to the key's SQL type) or at :offset, reads one row past
-- the page to tell whether there is more, and never counts every match: it counts them up to :countCap + 1, so the
-- caller knows numberMatched when there are no more than :countCap (or on a last page).
-- Returns counted, more, number_returned, the page's last key and its Features as a JSON array.
WITH matched AS NOT MATERIALIZED (
/*matched*/
),
page AS (
    SELECT * FROM matched
     WHERE (CAST(:after AS /*keyType*/) IS NULL OR key > :after)
     ORDER BY key
     LIMIT :limit + 1 OFFSET :offset
),
shown AS (
    SELECT * FROM page ORDER BY key LIMIT :limit
)
SELECT (SELECT count(*) FROM (SELECT 1 FROM matched LIMIT :countCap + 1) c) AS counted,
       (SELECT count(*) FROM page) > :limit AS more,
       (SELECT count(*) FROM shown) AS number_returned,
       (SELECT max(key) FROM shown)::text AS last_key,
       (SELECT coalesce(json_agg(ogc_feature(item, :crsSrid, :crsLatitudeFirst, :crsDecimals) ORDER BY key), '[]')
          FROM shown)::text AS features
