#!/usr/bin/env bash
# POST /api/reservations through HTTP: reservations per second on distinct plots (target ≥ 1,000/s) against the
# bare SQL transaction through pgbench, and the 200-way race for one plot (target p99 < 250 ms).
# Usage: bench/reservations.sh [DISTINCT_RESERVATIONS] [CONCURRENCY] [WARM_UP_RESERVATIONS] [WARM_UP_ROUNDS]
source "$(dirname "$0")/lib.sh"
N=${1:-5000}
C=${2:-32}
WARM=${3:-6000}
WARM_ROUNDS=${4:-4}
RACES=5
RACE_WARM_ROUNDS=20

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
start_server
echo "generating plots (30 estates, 40,000 plots) and making them available"
zamin generate --estates 30 --plots 40000 --seed 7 >/dev/null
psql_value "UPDATE parcel p SET status = 'AVAILABLE' FROM estate e
             WHERE e.id = p.estate_id AND e.code LIKE 'IR-%' AND p.land_use = 'industrial'" >/dev/null

# Investors signed in as in a browser: a session cookie whose SHA-256 is stored, and its CSRF token (what
# bench/reservation_load.py sends for "session:ID"). The cap is 3 open reservations each.
INVESTORS=$(( WARM / 3 + N / 3 + N + 200 * (RACES + 1) + 10 ))
psql_value "
  INSERT INTO users (email, name, organisation, password_hash, role, email_confirmed_at, national_id)
  SELECT 'bench' || i || '@bench.example', 'Bench ' || i, 'Bench', 'x', 'INVESTOR', now(),
         b || (SELECT CASE WHEN s % 11 < 2 THEN s % 11 ELSE 11 - s % 11 END
                 FROM (SELECT sum(substr(b, k, 1)::int * (11 - k)) AS s FROM generate_series(1, 9) k) x)
    FROM generate_series(1, $INVESTORS) i, LATERAL (SELECT (900000000 + i)::text AS b) base;
  -- verified investors with the open-offer deposit paid, as OPEN holds require (V610)
  UPDATE users SET documents_verified_at = now(), documents_verified_by = id WHERE email LIKE '%@bench.example';
  INSERT INTO open_deposit (investor_id, amount, gateway, reference, sandbox, paid_at)
  SELECT id, 100000000, 'sandbox', 'SANDBOX-BENCH', true, now() FROM users WHERE email LIKE '%@bench.example';
  INSERT INTO user_session (id_hash, user_id, created_at, expires_at, csrf_token)
  SELECT sha256(convert_to('bench-session-' || u.id, 'UTF8')), u.id, now(), now() + interval '1 day', md5(u.id::text)
    FROM users u WHERE u.email LIKE '%@bench.example'" >/dev/null
mapfile -t USERS < <(psql_value "SELECT id FROM users WHERE email LIKE '%@bench.example' ORDER BY id")
NEEDED=$(( WARM + 2 * N + RACES + 1 ))
mapfile -t PLOTS < <(psql_value "SELECT p.id FROM parcel p JOIN estate e ON e.id = p.estate_id
                                  WHERE p.status = 'AVAILABLE' AND e.code LIKE 'IR-%' ORDER BY random() LIMIT $NEEDED")
[ ${#PLOTS[@]} -ge $NEEDED ] || { echo "not enough available plots: ${#PLOTS[@]} of $NEEDED" >&2; exit 1; }

WORK=$(mktemp -d)
LOAD="python3 $BENCH_DIR/reservation_load.py $BASE_URL"
# Plots [0, WARM) warm the server up, [WARM, WARM+N) are measured through HTTP, the next N go to pgbench, the
# last RACES + 1 are raced for (the first race warms up). Each investor reserves three plots (the cap), spread
# over the run.
U=0
lines() { # lines FIRST_PLOT COUNT: "token plot", three plots per investor
  local first=$1 count=$2 investors=$(( ($2 + 2) / 3 )) i
  for i in $(seq 0 $(( count - 1 ))); do echo "session:${USERS[$(( U + i % investors ))]} ${PLOTS[$(( first + i ))]}"; done
  U=$(( U + investors ))
}
lines 0 "$WARM" > "$WORK/warm.txt"
lines "$WARM" "$N" > "$WORK/distinct.txt"

# CPU time (ticks) used so far by the server's JVM, by PostgreSQL (its live processes, and through the postmaster
# the backends that have exited), and by the whole machine.
SERVER_JAVA=$(pgrep -f "zamin.jar serve" | head -n 1)
POSTMASTER=$(head -n 1 "$DATA_DIR/pg/postmaster.pid")
cpu() {
  local pg p
  pg=$(awk '{print $16 + $17}' "/proc/$POSTMASTER/stat")
  for p in $(pgrep -u postgres); do pg=$(( pg + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0) )); done
  echo "$(awk '{print $14 + $15}' "/proc/$SERVER_JAVA/stat") $pg $(awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat)"
}
per_reservation() { awk -v a="$1" -v b="$2" -v n="$N" 'BEGIN { printf "%.2f", (b - a) * 10 / n }'; } # ticks → ms

# The warm-up's reservations are withdrawn and their plots freed between rounds, so its plots serve every round.
free_warm_up_plots() {
  psql_value "UPDATE reservation r SET status = 'WITHDRAWN', closed_at = now()
                FROM reservation_parcel rp
               WHERE rp.reservation_id = r.id AND rp.parcel_id IN ($(IFS=,; echo "${PLOTS[*]:0:$WARM}")) AND r.status = 'HELD';
              UPDATE parcel SET status = 'AVAILABLE'
               WHERE id IN ($(IFS=,; echo "${PLOTS[*]:0:$WARM}")) AND status = 'RESERVED'" >/dev/null
}
echo "warming the server up: $WARM_ROUNDS × $WARM reservations (the JIT compiles the request path; not measured)"
for _ in $(seq 1 "$WARM_ROUNDS"); do
  $LOAD distinct "$WORK/warm.txt" "$C" >/dev/null
  free_warm_up_plots
done
# The warm-up's own upkeep (its freed plots' dead rows, their WAL) is done before the clock starts.
psql_value "VACUUM ANALYZE parcel, reservation, reservation_parcel, idempotency_key, decision" >/dev/null
psql_value "CHECKPOINT" >/dev/null 2>&1 || true
echo "HTTP: $N reservations of distinct plots, $C in flight"
read -r J0 P0 T0 < <(cpu)
HTTP=$($LOAD distinct "$WORK/distinct.txt" "$C")
read -r J1 P1 T1 < <(cpu)
echo "$HTTP"
CPU_JVM=$(per_reservation "$J0" "$J1"); CPU_PG=$(per_reservation "$P0" "$P1"); CPU_ALL=$(per_reservation "$T0" "$T1")
echo "CPU per reservation: server JVM $CPU_JVM ms, PostgreSQL $CPU_PG ms, whole machine $CPU_ALL ms"
field() { sed -E "s/.*$1=([^ ]+).*/\1/" <<<"$2"; }

sleep 3
# The race, on a server at rest (the sealer has linked the last run's entries): 200 investors press "reserve" on
# one plot at the same moment, $RACES times (a new plot each time).
RACE_LINES=()
# Unmeasured rounds first (one plot: its first round has a winner, the rest only losers), so that the JIT has
# compiled the path of new connections and of the 409 too, as on a server that has been up a while.
for i in $(seq 0 199); do echo "session:${USERS[$(( U + RACES * 200 + i ))]} ${PLOTS[$(( WARM + 2 * N + RACES ))]}"; done > "$WORK/race.txt"
for _ in $(seq 1 "$RACE_WARM_ROUNDS"); do $LOAD race "$WORK/race.txt" >/dev/null; done
for r in $(seq 1 $RACES); do
  plot=${PLOTS[$(( WARM + 2 * N + r - 1 ))]}
  for i in $(seq 0 199); do echo "session:${USERS[$(( U + (r - 1) * 200 + i ))]} $plot"; done > "$WORK/race.txt"
  out=$($LOAD race "$WORK/race.txt")
  echo "race $r: $out"
  RACE_LINES+=("| $r | $(field median "$out") | $(field p95 "$out") | $(field p99 "$out") | $(field max "$out") | $(field statuses "$out") |")
done
U=$(( U + 200 * (RACES + 1) ))

# The same database work without HTTP, the JVM, authentication or JSON: pgbench calls the function the server
# calls (reservation_hold_many), at the same concurrency, as prepared statements like the service's driver, with
# one application per call: the database answering each request on its own, as without the server's batching.
pg_env
psql_value "CREATE TABLE bench_plot (n bigserial PRIMARY KEY, parcel_id bigint, investor_id bigint);
            CREATE SEQUENCE bench_seq;
            GRANT ALL ON bench_plot, bench_seq TO PUBLIC" >/dev/null
for i in $(seq 0 $(( N - 1 ))); do
  echo "${PLOTS[$(( WARM + N + i ))]},${USERS[$(( U + i ))]}"
done | "$(pg_bin)/psql" -Xq -c "\copy bench_plot (parcel_id, investor_id) FROM STDIN WITH (FORMAT csv)"
U=$(( U + N ))
cat > "$WORK/reserve.sql" <<'SQL'
SELECT parcel_id AS pid, investor_id AS inv FROM bench_plot WHERE n = (SELECT nextval('bench_seq')) \gset
SELECT reservation_hold_many(jsonb_build_array(jsonb_build_object('investor', CAST(:inv AS bigint), 'key', 'pg-' || :pid, 'requestHash', repeat('ab', 32), 'parcels', jsonb_build_array(CAST(:pid AS bigint)), 'activity', '1079', 'investment', 1000000, 'jobs', 10, 'knowledgeBased', false)), 3, 20, now(), now() + interval '72 hours', interval '24 hours');
SQL
read -r J0 P0 T0 < <(cpu)
PG_OUT=$("$(pg_bin)/pgbench" -n -M prepared -f "$WORK/reserve.sql" -c "$C" -j 2 -t $(( N / C )) 2>&1)
read -r J1 P1 T1 < <(cpu)
PG_TPS=$(grep -E '^tps' <<<"$PG_OUT" | head -1 | sed -E 's/tps = ([0-9.]+).*/\1/')
PG_LAT=$(grep -E '^latency average' <<<"$PG_OUT" | sed -E 's/latency average = ([0-9.]+).*/\1/')
PG_FAILED=$(grep -E 'number of failed transactions' <<<"$PG_OUT" | sed -E 's/.*: ([0-9]+).*/\1/')
PG_CPU=$(per_reservation "$P0" "$P1")
PG_HELD=$(psql_value "SELECT count(*) FROM reservation_parcel rp JOIN bench_plot b ON b.parcel_id = rp.parcel_id WHERE rp.active")
echo "pgbench: $PG_TPS tps, average latency $PG_LAT ms, $PG_HELD reservations held, PostgreSQL $PG_CPU ms CPU each"

WORST_P99=$(printf '%s\n' "${RACE_LINES[@]}" | awk -F'|' '{gsub(/ /,"",$5); if ($5+0 > m) m = $5+0} END {print m}')
ACTIVE_CHECK=$(psql_value "SELECT count(*) FROM (SELECT parcel_id FROM reservation_parcel WHERE active GROUP BY parcel_id HAVING count(*) > 1) x")

RATE=$(field perSecond "$HTTP")
V1=$(awk -v r="$RATE" 'BEGIN { print (r >= 1000) ? "meets" : "MISSES" }')
V2=$(awk -v p="$WORST_P99" 'BEGIN { print (p < 250) ? "meets" : "MISSES" }')

write_section "Reservations (POST /api/reservations)" <<MD
Server: \`./zamin serve\` with its embedded PostGIS (durable commits: fsync and synchronous_commit on), on the same
machine as the load generator (\`bench/reservation_load.py\`: Python's asyncio, HTTP/1.1). Each investor is signed in
as in a browser (session cookie and \`X-CSRF-Token\`) and sends a fresh \`Idempotency-Key\` per request. A request
is authenticated (one query for the session) and queued for the batcher (reservation.Batcher), which sends the
applications that arrived together to the database as one call in one transaction (\`reservation_hold_many\`, which
passes those that share no plot and no investor to \`reservation_hold_set\` together: the investors' row locks, the
replay check, the plots' and the cap's checks, the conditional claim AVAILABLE → RESERVED, the reservation, its
plot, the idempotent answer and the decision-log entry; sealed into the hash chain afterwards by the sealer, once a
second). The server is warmed up first with $WARM_ROUNDS rounds of $WARM reservations (not
measured; the plots are freed between rounds, then vacuumed) so that the JIT has compiled the request path.
Machine: $(machine); load average before the run: $LOAD_BEFORE.

**Distinct plots**: $N reservations, each of a different plot, $C requests in flight over keep-alive connections.

| path | reservations/s | median ms | p95 ms | p99 ms | CPU ms per reservation |
|---|---|---|---|---|---|
| HTTP \`POST /api/reservations\` | $RATE | $(field median "$HTTP") | $(field p95 "$HTTP") | $(field p99 "$HTTP") | server JVM $CPU_JVM, PostgreSQL $CPU_PG, machine in all $CPU_ALL |
| bare database (pgbench: the same function, one application per call, $C clients) | ${PG_TPS%.*} | avg $PG_LAT | | | PostgreSQL $PG_CPU |

HTTP statuses: $(field statuses "$HTTP"). pgbench: $PG_FAILED failed transactions, $PG_HELD reservations held.
Target ≥ 1,000 reservations/s through HTTP: **$V1**.

**The race**: 200 investors reserve the same plot at the same moment, each opening its own connection (the latency
includes connecting); $RACES rounds, a new plot each, after $RACE_WARM_ROUNDS unmeasured rounds, 3 s after the distinct-plots run.

| round | median ms | p95 ms | p99 ms | max ms | statuses |
|---|---|---|---|---|---|
$(printf '%s\n' "${RACE_LINES[@]}")

Worst p99 $WORST_P99 ms; target under 250 ms: **$V2**. Plots with more than one active reservation afterwards:
$ACTIVE_CHECK.
MD
rm -rf "$WORK"
