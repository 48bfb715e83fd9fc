#!/usr/bin/env bash
# Vector tiles under load: responses per second of GET /tiles/parcels/{z}/{x}/{y}.mvt over 8 keep-alive connections
# for a hot set of tiles (served from the server's tile cache) and for tiles asked for the first time (built by
# PostGIS), against pgbench running the same tile query over 8 connections. Usage:
# bench/tiles.sh [ESTATES] [PLOTS] [SECONDS] [CONNECTIONS]
source "$(dirname "$0")/lib.sh"
ESTATES=${1:-1000}
PLOTS=${2:-100000}
SECONDS_PER_RUN=${3:-10}
C=${4:-8}
HOT=50

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
start_server
echo "generating $ESTATES estates, $PLOTS plots"
zamin generate --estates "$ESTATES" --plots "$PLOTS" --seed 5 >/dev/null
psql_value "ANALYZE" >/dev/null

# Tiles holding plots: the z14 tiles of random plots (the hot set) and the z16 tiles of others (each asked once).
tiles() { # zoom count
  psql_value "SELECT DISTINCT '/tiles/parcels/$1/' || floor((ST_X(c) + 180) / 360 * 2 ^ $1)::int || '/'
                     || floor((1 - ln(tan(radians(ST_Y(c))) + 1 / cos(radians(ST_Y(c)))) / pi()) / 2 * 2 ^ $1)::int
                     || '.mvt'
                FROM (SELECT ST_Centroid(geom) AS c FROM parcel TABLESAMPLE SYSTEM (50) ORDER BY random() LIMIT $2) s"
}
HOT_PATHS=$(tiles 14 "$HOT" | head -n "$HOT")
COLD_PATHS=$(tiles 16 30000)
COLD_N=$(wc -l <<<"$COLD_PATHS")
load() { python3 "$BENCH_DIR/tile_load.py" 127.0.0.1 "$PORT" "$C" "$@"; }

# Cold first (every path once at most, unless the run outlasts the list), then the hot set after one warming pass.
read -r COLD_RPS COLD_MED COLD_P95 COLD_CODES _ <<<"$(load "$SECONDS_PER_RUN" 'Accept-Encoding: gzip' <<<"$COLD_PATHS")"
load 2 'Accept-Encoding: gzip' <<<"$HOT_PATHS" >/dev/null
read -r HOT_RPS HOT_MED HOT_P95 HOT_CODES HOT_CPU <<<"$(load "$SECONDS_PER_RUN" 'Accept-Encoding: gzip' <<<"$HOT_PATHS")"
read -r ID_RPS ID_MED ID_P95 ID_CODES _ <<<"$(load "$SECONDS_PER_RUN" <<<"$HOT_PATHS")"

# The bare query: the server's own tile SQL (template and parcels layer) over the same hot tiles, through pgbench.
pg_env
psql_value "DROP TABLE IF EXISTS bench_tile; CREATE TABLE bench_tile (i int PRIMARY KEY, z int, x int, y int)" >/dev/null
i=0; VALUES=
while IFS=/ read -r _ _ _ z x y; do i=$((i + 1)); VALUES="$VALUES${VALUES:+,}($i,$z,$x,${y%.mvt})"; done <<<"$HOT_PATHS"
psql_value "INSERT INTO bench_tile VALUES $VALUES" >/dev/null
SCRIPT=$(mktemp)
{
  echo "\\set i random(1, $i)"
  echo "SELECT z, x, y, CASE WHEN z < 14 THEN 2 * 20037508.342789244 / 2 ^ z / 4096 ELSE 0 END AS tolerance FROM bench_tile WHERE i = :i \\gset"
  python3 - "$ROOT/src/main/resources/sql/tiles" <<'PY'
import re, sys
d = sys.argv[1]
strip = lambda s: " ".join(re.sub(r"--.*$", "", l) for l in s.splitlines())
sql = open(f"{d}/tile.sql").read().replace("${features}", open(f"{d}/parcels.sql").read().strip())
print(strip(sql.replace("${layer}", "parcels").replace("${order}", "id")) + ";")
PY
} > "$SCRIPT"
BARE_RPS=$("$(pg_bin)/pgbench" -n -c "$C" -j 2 -T "$SECONDS_PER_RUN" -f "$SCRIPT" 2>&1 | awk '/^tps/ {printf "%.0f", $3}')
rm -f "$SCRIPT"
psql_value "DROP TABLE bench_tile" >/dev/null
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

write_section "Vector tiles under load" <<MD
\`GET /tiles/parcels/{z}/{x}/{y}.mvt\` over $C keep-alive connections for $SECONDS_PER_RUN s each (bench/tile_load.py,
Python asyncio on the same machine), on the Gilan sample plus \`zamin generate --estates $ESTATES --plots $PLOTS\`.
Machine: $(machine), load average before $LOAD_BEFORE, after $LOAD_AFTER.

| run | responses/s | median ms | p95 ms | statuses |
|---|---|---|---|---|
| $HOT hot z14 tiles, cached, gzip | $HOT_RPS | $HOT_MED | $HOT_P95 | $HOT_CODES |
| the same, identity | $ID_RPS | $ID_MED | $ID_P95 | $ID_CODES |
| $COLD_N distinct z16 tiles, first requests (built by PostGIS), gzip | $COLD_RPS | $COLD_MED | $COLD_P95 | $COLD_CODES |
| bare: pgbench, the tile query of the hot tiles, $C connections | $BARE_RPS | | | |

The load generator's own CPU in the hot run: $HOT_CPU s of $SECONDS_PER_RUN s (it shares the two cores). Target: a cached
tile ≥ 5,000 responses/s.
MD
