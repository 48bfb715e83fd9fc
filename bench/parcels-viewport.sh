#!/usr/bin/env bash
# GET /api/parcels for a map viewport of about 2,000 plots, against the bare PostGIS query on the same data.
# Target: under 200 ms on this machine. Usage: bench/parcels-viewport.sh [REQUESTS]
source "$(dirname "$0")/lib.sh"
N=${1:-100}

start_server
echo "generating a synthetic national set (30 estates, 60,000 plots)"
zamin generate --estates 30 --plots 60000 --seed 11

# The generated estate whose plot count is closest to 2,000; its bounding box is the viewport.
read -r CODE BBOX <<<"$(psql_value "
  SELECT e.code, concat_ws(',', ST_XMin(e.boundary), ST_YMin(e.boundary), ST_XMax(e.boundary), ST_YMax(e.boundary))
    FROM estate e JOIN parcel p ON p.estate_id = e.id WHERE e.code LIKE 'IR-%'
   GROUP BY e.id ORDER BY abs(count(*) - 2000) LIMIT 1" | tr '|' ' ')"
IFS=, read -r X0 Y0 X1 Y1 <<<"$BBOX"
URL="$BASE_URL/api/parcels?bbox=$BBOX&limit=5000"
PLOTS=$(curl -fsS "$URL" | python3 -c 'import json,sys; print(json.load(sys.stdin)["numberReturned"])')
BYTES=$(curl -fsS "$URL" | wc -c)

read -r H50 H95 H99 <<<"$(time_http "$URL" "$N" | stats_ms)"
RAW_SQL="SELECT json_build_object('type','FeatureCollection','features',json_agg(ST_AsGeoJSON(p.*, 'geom', 7)::json))::text
           FROM parcel p WHERE p.geom && ST_MakeEnvelope($X0,$Y0,$X1,$Y1,4326)"
read -r R50 R95 R99 <<<"$(time_sql "$RAW_SQL" "$N" | stats_ms)"
VERDICT=$(awk -v p="$H95" 'BEGIN { print (p < 200) ? "meets" : "MISSES" }')

write_section "Parcels in a map viewport (GET /api/parcels)" <<MD
Viewport: the bounding box of generated estate $CODE, $PLOTS plots in the answer ($BYTES bytes of GeoJSON);
$N requests after 5 warm-ups, one at a time, with curl over loopback; the bare query is PostGIS building the
same plots' GeoJSON over one pgbench connection (no HTTP, no filters, no counts). Machine: $(machine).

| path | median ms | p95 ms | p99 ms |
|---|---|---|---|
| HTTP \`GET /api/parcels?bbox=…\` | $H50 | $H95 | $H99 |
| bare PostGIS query | $R50 | $R95 | $R99 |

Target: under 200 ms for a 2,000-plot viewport. p95 $H95 ms: **$VERDICT** the target.
MD
