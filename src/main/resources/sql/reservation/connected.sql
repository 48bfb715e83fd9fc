-- How many of the requested plots are reachable from the first through plots of the set that touch
-- (share an edge or a corner): equal to the number of plots when they form one contiguous block.
WITH RECURSIVE reach (id) AS (
    SELECT min(id) FROM parcel WHERE id = ANY(CAST(:ids AS bigint[]))
    UNION
    SELECT q.id
      FROM reach r
      JOIN parcel p ON p.id = r.id
      JOIN parcel q ON q.id = ANY(CAST(:ids AS bigint[])) AND q.id <> p.id
                   AND q.geom && ST_Expand(p.geom, 1e-7) AND ST_DWithin(p.geom, q.geom, 1e-7)
)
SELECT count(*) FROM reach
