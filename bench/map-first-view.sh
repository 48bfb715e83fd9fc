#!/usr/bin/env bash
# The map's first view in headless Chromium over a national set: a throwaway server, `zamin generate`, then
# bench/map_first_view.py for the default view (the country: estate tiles) and for permalinks at zoom 12 and 15
# over the estate with the most plots (plot tiles). Prints the rows; writes nothing to RESULTS.md.
# Usage: bench/map-first-view.sh [ESTATES] [PLOTS]
source "$(dirname "$0")/lib.sh"
ESTATES=${1:-1000}
PLOTS=${2:-100000}

start_server
echo "generating a national set ($ESTATES estates, $PLOTS plots)" >&2
T0=$(date +%s)
zamin generate --estates "$ESTATES" --plots "$PLOTS" --seed 5 >&2
echo "generated in $(( $(date +%s) - T0 )) s" >&2
psql_value "ANALYZE" >/dev/null
read -r LON LAT <<<"$(psql_value "SELECT ST_X(ST_Centroid(e.boundary)), ST_Y(ST_Centroid(e.boundary))
    FROM estate e JOIN parcel p ON p.estate_id = e.id GROUP BY e.id ORDER BY count(*) DESC LIMIT 1" | tr '|' ' ')"
echo "plots: $(psql_value "SELECT count(*) FROM parcel"), estates: $(psql_value "SELECT count(*) FROM estate"); machine: $(machine)"
echo "| view | run | estate tiles drawn ms | plot tiles drawn ms | DOM nodes | map DOM nodes |"
echo "|---|---|---|---|---|---|"
python3 "$BENCH_DIR/map_first_view.py" "$BASE_URL" "" "#/?z=12&lat=$LAT&lng=$LON" "#/?z=15&lat=$LAT&lng=$LON"
