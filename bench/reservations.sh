#!/usr/bin/env bash
# POST /api/reservations through HTTP: reservations per second on distinct plots (target ≥ 1,000/s) against the
# bare SQL transaction through pgbench, and the 200-way race for one plot (target p99 < 250 ms).
# Usage: bench/reservations.sh [DISTINCT_RESERVATIONS] [CONCURRENCY]
source "$(dirname "$0")/lib.sh"
N=${1:-3000}
C=${2:-32}
RACES=5

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
start_server
echo "generating plots (20 estates, 20,000 plots) and making them available"
zamin generate --estates 20 --plots 20000 --seed 7 >/dev/null
psql_value "UPDATE parcel p SET status = 'AVAILABLE' FROM estate e
             WHERE e.id = p.estate_id AND e.code LIKE 'IR-%' AND p.land_use = 'industrial'" >/dev/null

# Investors with known API tokens (only their SHA-256 is stored): the cap is 3 open reservations each.
INVESTORS=$(( N / 3 + 200 * RACES + N + 10 ))
psql_value "
  INSERT INTO users (email, name, organisation, password_hash, role)
  SELECT 'bench' || i || '@bench.example', 'Bench ' || i, 'Bench', 'x', 'INVESTOR' FROM generate_series(1, $INVESTORS) i;
  INSERT INTO api_token (token_hash, user_id, name, created_at)
  SELECT sha256(convert_to('bench-' || u.id, 'UTF8')), u.id, 'bench', now() FROM users u WHERE u.email LIKE '%@bench.example'" >/dev/null
mapfile -t USERS < <(psql_value "SELECT id FROM users WHERE email LIKE '%@bench.example' ORDER BY id")
mapfile -t PLOTS < <(psql_value "SELECT p.id FROM parcel p JOIN estate e ON e.id = p.estate_id
                                  WHERE p.status = 'AVAILABLE' AND e.code LIKE 'IR-%' ORDER BY random() LIMIT $(( 2 * N + RACES ))")
[ ${#PLOTS[@]} -ge $(( 2 * N + RACES )) ] || { echo "not enough available plots: ${#PLOTS[@]}" >&2; exit 1; }

WORK=$(mktemp -d)
# Each investor reserves three plots (the cap), spread over the run rather than back to back.
for i in $(seq 0 $(( N - 1 ))); do echo "bench-${USERS[$(( i % (N / 3) ))]} ${PLOTS[$i]}"; done > "$WORK/distinct.txt"
LOAD="java $BENCH_DIR/ReservationLoad.java $BASE_URL"

echo "HTTP: $N reservations of distinct plots, $C in flight"
HTTP=$($LOAD distinct "$WORK/distinct.txt" "$C")
echo "$HTTP"
field() { sed -E "s/.*$1=([^ ]+).*/\1/" <<<"$2"; }

# The same transaction as bare SQL over pgbench (same concurrency, distinct plots, no HTTP, auth or JSON).
pg_env
psql_value "CREATE TABLE bench_plot (n bigserial PRIMARY KEY, parcel_id bigint, investor_id bigint, estate_id int);
            CREATE SEQUENCE bench_seq;
            GRANT ALL ON bench_plot, bench_seq TO PUBLIC" >/dev/null
for i in $(seq 0 $(( N - 1 ))); do
  echo "${PLOTS[$(( N + i ))]},${USERS[$(( N / 3 + 1 + i ))]}"
done | "$(pg_bin)/psql" -Xq -c "\copy bench_plot (parcel_id, investor_id) FROM STDIN WITH (FORMAT csv)"
psql_value "UPDATE bench_plot b SET estate_id = p.estate_id FROM parcel p WHERE p.id = b.parcel_id" >/dev/null
cat > "$WORK/reserve.sql" <<'SQL'
BEGIN;
SELECT parcel_id AS pid, investor_id AS inv, estate_id AS est FROM bench_plot WHERE n = (SELECT nextval('bench_seq')) \gset
SELECT id FROM users WHERE id = :inv FOR NO KEY UPDATE;
SELECT count(*) FROM reservation WHERE investor_id = :inv AND status IN ('HELD', 'SUBMITTED');
SELECT id, status FROM parcel WHERE id = :pid FOR UPDATE;
INSERT INTO reservation (investor_id, estate_id, activity_isic, investment, jobs, knowledge_based, deposit_amount, created_at, hold_expires_at) VALUES (:inv, :est, '1079', 1000000, 10, false, 1000, now(), now() + interval '72 hours') RETURNING id AS rid \gset
INSERT INTO reservation_parcel (reservation_id, parcel_id) VALUES (:rid, :pid);
UPDATE parcel SET status = 'RESERVED' WHERE id = :pid AND status = 'AVAILABLE';
INSERT INTO idempotency_key (user_id, key, request_hash, response_status, response_body, created_at) VALUES (:inv, 'pg-' || :rid, sha256('x'), 201, '{}', now());
INSERT INTO decision (occurred_at, actor_id, actor_role, action, subject_type, subject_id, parcel_ids, to_state) VALUES (now(), :inv, 'investor', 'reservation.held', 'reservation', :rid, ARRAY[:pid]::bigint[], 'HELD');
COMMIT;
SQL
PG_OUT=$("$(pg_bin)/pgbench" -n -f "$WORK/reserve.sql" -c "$C" -j 2 -t $(( N / C )) 2>&1)
PG_TPS=$(grep -E '^tps' <<<"$PG_OUT" | head -1 | sed -E 's/tps = ([0-9.]+).*/\1/')
PG_LAT=$(grep -E '^latency average' <<<"$PG_OUT" | sed -E 's/latency average = ([0-9.]+).*/\1/')
echo "pgbench: $PG_TPS tps, average latency $PG_LAT ms"

# The race: 200 investors press "reserve" on one plot at the same moment, $RACES times (a new plot each time).
RACE_LINES=()
ALL_LAT=$WORK/race-latencies.txt; : > "$ALL_LAT"
for r in $(seq 1 $RACES); do
  plot=${PLOTS[$(( 2 * N + r - 1 ))]}
  for i in $(seq 0 199); do echo "bench-${USERS[$(( N / 3 + N + 1 + (r - 1) * 200 + i ))]} $plot"; done > "$WORK/race.txt"
  out=$($LOAD race "$WORK/race.txt")
  echo "race $r: $out"
  RACE_LINES+=("| $r | $(field median "$out") | $(field p95 "$out") | $(field p99 "$out") | $(field max "$out") | $(field statuses "$out") |")
done
WORST_P99=$(printf '%s\n' "${RACE_LINES[@]}" | awk -F'|' '{gsub(/ /,"",$5); if ($5+0 > m) m = $5+0} END {print m}')
ACTIVE_CHECK=$(psql_value "SELECT count(*) FROM (SELECT parcel_id FROM reservation_parcel WHERE active GROUP BY parcel_id HAVING count(*) > 1) x")

RATE=$(field perSecond "$HTTP")
V1=$(awk -v r="$RATE" 'BEGIN { print (r >= 1000) ? "meets" : "MISSES" }')
V2=$(awk -v p="$WORST_P99" 'BEGIN { print (p < 250) ? "meets" : "MISSES" }')

write_section "Reservations (POST /api/reservations)" <<MD
Server: \`./zamin serve\` with its embedded PostGIS (durable commits: fsync and synchronous_commit on), on the same
machine as the load generator (\`bench/ReservationLoad.java\`, Java's HttpClient, HTTP/1.1, bearer tokens, a fresh
\`Idempotency-Key\` per request). Before its transaction a request looks up a replay and the plots' status (a plot
plainly taken answers 409 at once); the transaction then takes the investor's row lock with the cap count, claims
the plots with one conditional update (AVAILABLE → RESERVED), inserts the reservation and its plots, stores the
idempotent answer and appends the decision-log entry (sealed into the hash chain afterwards, by the sealer).
Machine: $(machine); load average before the run: $LOAD_BEFORE.

**Distinct plots**: $N reservations, each of a different plot, $C requests in flight.

| path | reservations/s | median ms | p95 ms | p99 ms |
|---|---|---|---|---|
| HTTP \`POST /api/reservations\` | $RATE | $(field median "$HTTP") | $(field p95 "$HTTP") | $(field p99 "$HTTP") |
| bare SQL transaction (pgbench, same statements, $C clients) | ${PG_TPS%.*} | avg $PG_LAT | | |

HTTP statuses: $(field statuses "$HTTP"). Target ≥ 1,000 reservations/s through HTTP: **$V1**.

**The race**: 200 investors, each on its own connection, reserve the same plot at the same moment; $RACES rounds.

| round | median ms | p95 ms | p99 ms | max ms | statuses |
|---|---|---|---|---|---|
$(printf '%s\n' "${RACE_LINES[@]}")

Worst p99 $WORST_P99 ms; target under 250 ms: **$V2**. Plots with more than one active reservation afterwards:
$ACTIVE_CHECK.
MD
rm -rf "$WORK"
