#!/usr/bin/env bash
# Planner queries against the bare PostGIS query on the same data: GET /api/availability?contiguous=true over
# one province (the Gilan sample) and over a national-size set, and GET /tiles/parcels/{z}/{x}/{y}.mvt
# against the bare ST_AsMVT query for the same tile. Usage: bench/planning.sh [REQUESTS] [ESTATES] [PLOTS]
# (the national-set availability rows use a third of REQUESTS, at least 5: each takes seconds).
source "$(dirname "$0")/lib.sh"
N=${1:-30}
ESTATES=${2:-1000}
PLOTS=${3:-100000}
NN=$(( N / 3 > 5 ? N / 3 : 5 ))

# The bare question: available plots of a scope merged into blocks by PostGIS alone (DBSCAN at distance 0,
# which also joins plots that touch only at a corner), each block's union, area and plot ids.
bare_blocks() {
  echo "SELECT count(*), sum(length(ST_AsGeoJSON(g, 7))) FROM (SELECT cid, ST_Union(geom) AS g, sum(area_m2), array_agg(id)
          FROM (SELECT p.id, p.geom, p.area_m2, ST_ClusterDBSCAN(p.geom, 0, 1) OVER () AS cid
                  FROM parcel p JOIN estate e ON e.id = p.estate_id JOIN province pr ON pr.id = e.province_id
                 WHERE p.status = 'AVAILABLE' $1) c GROUP BY cid) b"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0) ? a / b : 0 }'; }
row() { # label url sql [requests]
  local n k=${4:-$N}
  read -r H50 H95 _ <<<"$(time_http "$2" "$k" | stats_ms)"
  read -r R50 R95 _ <<<"$(time_sql "$3" "$k" | stats_ms)"
  n=$(http_get "$2" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["numberMatched"], "blocks of", d["numberOfPlots"], "plots")')
  echo "| $1 | $n | $H50 | $H95 | $R50 | $R95 | $(ratio "$H50" "$R50") |"
}

start_server
sign_in planner@demo.zamin.ir   # availability is for planners and admins
ROWS=$(row "province GIL (sample)" "$BASE_URL/api/availability?province=GIL&contiguous=true&limit=100" "$(bare_blocks "AND pr.code = 'GIL'")")

echo "generating a national set ($ESTATES estates, $PLOTS plots)"
T0=$(date +%s)
zamin generate --estates "$ESTATES" --plots "$PLOTS" --seed 5
GEN_S=$(( $(date +%s) - T0 ))
psql_value "ANALYZE" >/dev/null
TOTAL=$(psql_value "SELECT count(*) FROM parcel")
BIG=$(psql_value "SELECT pr.code FROM parcel p JOIN estate e ON e.id = p.estate_id JOIN province pr ON pr.id = e.province_id
                  GROUP BY pr.code ORDER BY count(*) DESC LIMIT 1")
ROWS="$ROWS
$(row "province $BIG (national set)" "$BASE_URL/api/availability?province=$BIG&contiguous=true&limit=100" "$(bare_blocks "AND pr.code = '$BIG'")" "$NN")
$(row "whole country" "$BASE_URL/api/availability?contiguous=true&limit=100" "$(bare_blocks "")" "$NN")"

# Tiles: the generated estate with the most plots, the tile over its centre at zoom 15 and at zoom 12.
read -r LON LAT <<<"$(psql_value "SELECT ST_X(ST_Centroid(e.boundary)), ST_Y(ST_Centroid(e.boundary))
    FROM estate e JOIN parcel p ON p.estate_id = e.id WHERE e.code LIKE 'IR-%' GROUP BY e.id ORDER BY count(*) DESC LIMIT 1" | tr '|' ' ')"
TILE_ROWS=
for Z in 15 12; do
  read -r X Y <<<"$(python3 -c "import math; z=$Z; lon=$LON; lat=math.radians($LAT); n=2**z
print(int((lon+180)/360*n), int((1-math.asinh(math.tan(lat))/math.pi)/2*n))")"
  TOL=$(python3 -c "print(2*20037508.342789244/2**$Z/4096 if $Z < 14 else 0)")
  SQL="WITH bounds AS (SELECT ST_TileEnvelope($Z,$X,$Y) AS env, ST_Transform(ST_TileEnvelope($Z,$X,$Y, margin => 64.0/4096), 4326) AS env4326),
       f AS (SELECT ST_AsMVTGeom(ST_Simplify(ST_Transform(p.geom, 3857), $TOL, true), b.env, 4096, 64, true) AS geom,
                    p.id, p.plot_number, e.code, p.status, p.area_m2, p.land_use
               FROM parcel p JOIN estate e ON e.id = p.estate_id CROSS JOIN bounds b WHERE p.geom && b.env4326)
       SELECT length(ST_AsMVT(f.*, 'parcels', 4096, 'geom')) FROM f WHERE geom IS NOT NULL"
  URL="$BASE_URL/tiles/parcels/$Z/$X/$Y.mvt"
  BYTES=$(curl -fsS "$URL" | wc -c)
  read -r H50 H95 _ <<<"$(time_http "$URL" "$N" | stats_ms)"
  read -r R50 R95 _ <<<"$(time_sql "$SQL" "$N" | stats_ms)"
  TILE_ROWS="$TILE_ROWS
| parcels $Z/$X/$Y | $BYTES | $H50 | $H95 | $R50 | $R95 | $(ratio "$H50" "$R50") |"
done

write_section "Planning: vacant blocks and vector tiles" <<MD
$N requests per row ($NN for the national-set availability rows) after 5 warm-ups, one at a time, with curl over loopback; the bare query runs over one
pgbench connection in the same cluster. The national set is the Gilan sample plus \`zamin generate --estates
$ESTATES --plots $PLOTS\` ($TOTAL plots in all; generating took $GEN_S s). Machine: $(machine), shared with other work.

\`GET /api/availability?contiguous=true&limit=100\` (blocks of plots sharing an edge, largest first, the page's
blocks unioned) against PostGIS merging the same available plots with \`ST_ClusterDBSCAN(geom, 0, 1)\` and
unioning every block (no HTTP, no paging, no JSON):

| scope | matched | median ms | p95 ms | bare median ms | bare p95 ms | ratio (median) |
|---|---|---|---|---|---|---|
$ROWS

\`GET /tiles/parcels/{z}/{x}/{y}.mvt\` over the generated estate with the most plots, against the bare
\`ST_AsMVT\` query of the same tile:

| tile | bytes | median ms | p95 ms | bare median ms | bare p95 ms | ratio (median) |
|---|---|---|---|---|---|---|$TILE_ROWS
MD
