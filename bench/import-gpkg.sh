#!/usr/bin/env bash
# Imports 100,000 plots from a GeoPackage with full validation (./zamin import) and compares it, in the same run,
# with a bare bulk load of the same rows: ogr2ogr into a scratch table, then the same INSERT … SELECT into parcel
# (through the parcel trigger, the database's own checks) without the service. Target: under 60 s.
source "$(dirname "$0")/lib.sh"
PLOTS=${1:-${PLOTS:-100000}}
CODE=BENCH-IMPORT
GPKG="$DATA_DIR/plots.gpkg"
load() { awk '{print $1", "$2", "$3}' /proc/loadavg; }
elapsed() { echo "$2 - $1" | bc; }

# The plots: one estate laid out by EstateLayout and written by Zamin's GeoPackage writer (no database involved).
(cd "$ROOT" && { [ -d target/lib ] || mvn -q -B -ntp -DskipTests package; } \
  && java -Xmx2g -cp "target/classes:target/lib/*" bench/ImportGpkgData.java "$CODE" "$PLOTS" "$GPKG" \
       "$DATA_DIR/estate.sql") | tee "$DATA_DIR/data.txt"
start_server
pg_env
"$(pg_bin)/psql" -XAtq -v ON_ERROR_STOP=1 -f "$DATA_DIR/estate.sql" >/dev/null
LOAD_BEFORE=$(load)

# 1. The service (the jar ./zamin import runs, called directly so that no build falls into the timing): JVM start, read, validate, stage, insert through the trigger, decision log, commit.
t0=$(date +%s.%N)
STATUS=0
(cd "$ROOT" && ZAMIN_DATA_DIR=$DATA_DIR java ${ZAMIN_JAVA_OPTS:--Xmx2g} -jar target/zamin.jar import "$GPKG" --estate "$CODE") \
  > "$DATA_DIR/import.txt" 2> "$DATA_DIR/import.log" || STATUS=$?
t1=$(date +%s.%N)
LOAD_IMPORT=$(load)
[ "$STATUS" = 0 ] || { echo "the import failed ($STATUS):" >&2; tail -n 20 "$DATA_DIR/import.txt" "$DATA_DIR/import.log" >&2; exit 1; }
head -n 12 "$DATA_DIR/import.txt"
IMPORTED=$(psql_value "SELECT count(*) FROM parcel p JOIN estate e ON e.id = p.estate_id WHERE e.code = '$CODE'")
PHASES=$(grep -o 'import phases: .*' "$DATA_DIR/import.log" | sed 's/^import phases: //' || true)
psql_value "DELETE FROM parcel p USING estate e WHERE e.id = p.estate_id AND e.code = '$CODE'" >/dev/null
# Back to the state the import started from: VACUUM FULL rebuilds the indexes, so the bare insert grows them from
# the same size (an index that kept the deleted plots' pages would make it look cheaper than it is).
psql_value "VACUUM FULL ANALYZE parcel" >/dev/null

# 2. Bare: ogr2ogr into a plain table, then one INSERT … SELECT into parcel (same trigger, same constraints).
t2=$(date +%s.%N)
ogr2ogr -f PostgreSQL "PG:host=$PGHOST port=$PGPORT user=$PGUSER dbname=$PGDATABASE password=$PGPASSWORD" "$GPKG" \
  -nln bench_bare_load -overwrite -lco SPATIAL_INDEX=NONE -lco GEOMETRY_NAME=geom -nlt POLYGON
t3=$(date +%s.%N)
psql_value "INSERT INTO parcel (estate_id, plot_number, geom, land_use, price_per_m2, utilities, status)
  SELECT e.id, b.plot_no, b.geom, b.land_use, b.price_m2, coalesce(string_to_array(nullif(b.utilities, ''), ','), '{}'),
         CASE WHEN b.land_use IN ('services', 'green', 'road') THEN 'NOT_OFFERED' ELSE 'AVAILABLE' END
    FROM bench_bare_load b, estate e WHERE e.code = '$CODE'" >/dev/null
t4=$(date +%s.%N)
LOAD_BARE=$(load)
BARE_ROWS=$(psql_value "SELECT count(*) FROM parcel p JOIN estate e ON e.id = p.estate_id WHERE e.code = '$CODE'")
psql_value "DELETE FROM parcel p USING estate e WHERE e.id = p.estate_id AND e.code = '$CODE'" >/dev/null
psql_value "VACUUM FULL ANALYZE parcel" >/dev/null
# 3. The same INSERT … SELECT with the overlap trigger switched off: what the trigger itself costs.
psql_value "ALTER TABLE parcel DISABLE TRIGGER parcel_check_geometry" >/dev/null
t5=$(date +%s.%N)
psql_value "INSERT INTO parcel (estate_id, plot_number, geom, land_use, price_per_m2, utilities, status)
  SELECT e.id, b.plot_no, b.geom, b.land_use, b.price_m2, coalesce(string_to_array(nullif(b.utilities, ''), ','), '{}'),
         CASE WHEN b.land_use IN ('services', 'green', 'road') THEN 'NOT_OFFERED' ELSE 'AVAILABLE' END
    FROM bench_bare_load b, estate e WHERE e.code = '$CODE'" >/dev/null
t6=$(date +%s.%N)
psql_value "ALTER TABLE parcel ENABLE TRIGGER parcel_check_geometry" >/dev/null
psql_value "DELETE FROM parcel p USING estate e WHERE e.id = p.estate_id AND e.code = '$CODE'" >/dev/null
psql_value "DROP TABLE bench_bare_load" >/dev/null

IMPORT=$(elapsed "$t0" "$t1"); OGR=$(elapsed "$t2" "$t3"); INSERT=$(elapsed "$t3" "$t4"); NOTRIG=$(elapsed "$t5" "$t6")
BARE=$(echo "$OGR + $INSERT" | bc)
VERDICT=$(echo "$IMPORT < 60" | bc)
[ "$VERDICT" = 1 ] && VERDICT="**meets** the target" || VERDICT="**MISSES** the target"
write_section "Import of $PLOTS plots from a GeoPackage" <<MD
\`bench/import-gpkg.sh\`: one estate of $PLOTS plots laid out by \`EstateLayout\` (small plots, no overlaps) and written
to a GeoPackage by Zamin's writer (\`bench/ImportGpkgData.java\`; $(sed 's/^[0-9]* plots //' "$DATA_DIR/data.txt")); the
empty estate created by SQL. Machine: $(machine), shared with other work; load average (1, 5, 15 min) before
the run $LOAD_BEFORE, after the import $LOAD_IMPORT, after the bare load $LOAD_BARE.

| what | seconds |
|---|---|
| \`./zamin import plots.gpkg --estate $CODE\`: JVM start, read, checks in Java, staging (COPY), validation in PostGIS, insert through the parcel trigger, decision log, commit ($IMPORTED plots written) | $(printf %.1f "$IMPORT") |
| bare: \`ogr2ogr -f PostgreSQL\` of the same file into a scratch table (no index) | $(printf %.1f "$OGR") |
| bare: the same \`INSERT … SELECT\` into \`parcel\` from it, through the trigger ($BARE_ROWS plots) | $(printf %.1f "$INSERT") |
| bare total | $(printf %.1f "$BARE") |
| for scale: that \`INSERT … SELECT\` with the overlap trigger switched off | $(printf %.1f "$NOTRIG") |

Phases of the import (from its log, milliseconds): $PHASES

Target: under 60 s for 100,000 plots with validation. $(printf %.1f "$IMPORT") s: $VERDICT; the service takes
$(echo "scale=1; $IMPORT / $BARE" | bc) times the bare load.
MD
