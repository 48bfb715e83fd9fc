#!/usr/bin/env bash
# Whole-country exports (GET /api/exports/parcels?format=…) against ogr2ogr reading the same rows from PostGIS,
# with the server's peak RSS during each export. The server runs with ZAMIN_JAVA_OPTS (default -Xmx512m).
# Target: each export within 1.5× ogr2ogr, memory not growing with the number of plots.
# Usage: bench/exports.sh [PLOTS] [RUNS]   (default 100000 plots, 3 runs each; the median is written)
source "$(dirname "$0")/lib.sh"
PLOTS=${1:-100000}
RUNS=${2:-3}
ESTATES=$(( PLOTS / 100 > 0 ? PLOTS / 100 : 1 ))
export ZAMIN_JAVA_OPTS=${ZAMIN_JAVA_OPTS:--Xmx512m}
OUT=$(mktemp -d -t zamin-exports.XXXXXX)
trap 'rm -rf "$OUT"; stop_server' EXIT

start_server
echo "generating $ESTATES estates and $PLOTS plots"
zamin generate --estates "$ESTATES" --plots "$PLOTS" --seed 17
COUNT=$(psql_value "SELECT count(*) FROM parcel")
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
# The JVM serving (./zamin execs java in the setsid'd job), for its peak RSS.
JAVA_PID=$(pgrep -s "$SERVER_PID" java | head -n 1)

# The median of the seconds given as arguments.
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
# Peak RSS of the server since the last reset, in MB; reset_peak starts a new window (Linux clear_refs 5).
reset_peak() { echo 5 > "/proc/$JAVA_PID/clear_refs"; }
peak_mb() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$JAVA_PID/status"; }

pg_env
PG="PG:host=$PGHOST port=$PGPORT dbname=$PGDATABASE user=$PGUSER password=$PGPASSWORD"
# The same rows and columns as the export (sql/parcelimport/export.sql), utilities as JSON text.
SQL="SELECT v.plot_number AS plot_no, v.estate, v.land_use, v.price_per_m2 AS price_m2, round(v.area_m2::numeric, 2) AS area_m2,
            v.status, array_to_json(v.utilities)::text AS utilities, v.geom
       FROM parcel_public v ORDER BY v.estate, v.plot_number"

ROWS=""
for FORMAT in geojson gpkg csv fgb shp; do
  case $FORMAT in
    geojson) DRIVER=GeoJSON; EXT=geojson ;; gpkg) DRIVER=GPKG; EXT=gpkg ;; csv) DRIVER=CSV; EXT=csv ;;
    fgb) DRIVER=FlatGeobuf; EXT=fgb ;; shp) DRIVER="ESRI Shapefile"; EXT=shp ;;
  esac
  HTTP=(); OGR=(); PEAKS=()
  for _ in $(seq 1 "$RUNS"); do
    rm -rf "$OUT"/*
    reset_peak
    HTTP+=("$(curl -fsS -o "$OUT/export.$FORMAT" -w '%{time_total}' "$BASE_URL/api/exports/parcels?format=$FORMAT")")
    PEAKS+=("$(peak_mb)")
    SIZE=$(stat -c %s "$OUT/export.$FORMAT")
    START=$(date +%s.%N)
    if [ "$FORMAT" = csv ]; then
      ogr2ogr -f CSV "$OUT/ogr.$EXT" "$PG" -sql "$SQL" -lco GEOMETRY=AS_WKT >/dev/null
    else
      ogr2ogr -f "$DRIVER" "$OUT/ogr.$EXT" "$PG" -sql "$SQL" -nln parcels >/dev/null
    fi
    OGR+=("$(echo "$(date +%s.%N) - $START" | bc)")
  done
  H=$(median "${HTTP[@]}"); O=$(median "${OGR[@]}"); P=$(printf '%s\n' "${PEAKS[@]}" | sort -n | tail -n 1)
  RATIO=$(awk -v h="$H" -v o="$O" 'BEGIN { printf "%.2f", h / o }')
  VERDICT=$(awk -v r="$RATIO" 'BEGIN { print (r <= 1.5) ? "meets" : "MISSES" }')
  ROWS+="| $FORMAT | $(( SIZE / 1048576 )) | $(printf '%.2f' "$H") | $(printf '%.2f' "$O") | $RATIO ($VERDICT) | $P |"$'\n'
  echo "$FORMAT: $H s (ogr2ogr $O s), peak RSS $P MB"
done

write_section "Whole-country exports at $COUNT plots (GET /api/exports/parcels)" <<MD
Server: \`./zamin serve\` with \`ZAMIN_JAVA_OPTS=$ZAMIN_JAVA_OPTS\` and its embedded PostGIS; $COUNT generated plots
(\`./zamin generate --estates $ESTATES --plots $PLOTS --seed 17\`); each export downloaded with curl over loopback
(no gzip), $RUNS runs, median; ogr2ogr (GDAL $(gdal-config --version 2>/dev/null || ogr2ogr --version | awk '{print $2}' | tr -d ,))
writes the same rows and columns from the same PostGIS into a file of the same format. Peak RSS is the server
JVM's VmHWM during the export (reset before each). Machine: $(machine); load average before: $LOAD.

| format | MB | HTTP s | ogr2ogr s | ratio (target ≤ 1.5) | server peak RSS MB |
|---|---|---|---|---|---|
$ROWS
MD
