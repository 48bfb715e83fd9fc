#!/usr/bin/env bash
# Imports 100,000 plots from a GeoPackage with full validation (./zamin import) and compares it with a bare
# bulk load of the same rows (ogr2ogr into a plain table, no checks) in the same run. Target: under 60 s.
source "$(dirname "$0")/lib.sh"
PLOTS=${PLOTS:-100000}
start_server
zamin generate --estates 1 --plots "$PLOTS" --seed 7 >/dev/null
CODE=$(psql_value "SELECT e.code FROM estate e JOIN parcel p ON p.estate_id = e.id GROUP BY e.code ORDER BY count(*) DESC LIMIT 1")
N=$(psql_value "SELECT count(*) FROM parcel p JOIN estate e ON e.id = p.estate_id WHERE e.code = '$CODE'")
GPKG="$DATA_DIR/plots.gpkg"
zamin export --format gpkg --out "$GPKG" --estate "$CODE" >/dev/null
psql_value "DELETE FROM parcel p USING estate e WHERE e.id = p.estate_id AND e.code = '$CODE'" >/dev/null
t0=$(date +%s.%N)
zamin import "$GPKG" --estate "$CODE" > "$DATA_DIR/import.txt"
t1=$(date +%s.%N)
pg_env
t2=$(date +%s.%N)
ogr2ogr -f PostgreSQL "PG:host=$PGHOST port=$PGPORT user=$PGUSER dbname=$PGDATABASE password=$PGPASSWORD" "$GPKG" \
  -nln bench_bare_load -overwrite -lco SPATIAL_INDEX=NONE
t3=$(date +%s.%N)
psql_value "DROP TABLE bench_bare_load" >/dev/null
IMPORT=$(echo "$t1 - $t0" | bc); BARE=$(echo "$t3 - $t2" | bc)
write_section "Import of $N plots from a GeoPackage" <<MD
$(date -u +%Y-%m-%d), $(nproc) cores. \`bench/import-gpkg.sh\`: one estate generated with \`./zamin generate\`, exported
with \`./zamin export --format gpkg\`, its plots deleted, then imported back.

| what | seconds |
|---|---|
| \`./zamin import\` (JVM start, read, validate in PostGIS, insert through the parcel trigger, decision log) | $(printf %.1f "$IMPORT") |
| bare \`ogr2ogr -f PostgreSQL\` of the same file into a plain table (no checks, no index) | $(printf %.1f "$BARE") |

Report: $(grep -E 'features:' "$DATA_DIR/import.txt")
MD
