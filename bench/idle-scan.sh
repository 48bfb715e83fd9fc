#!/usr/bin/env bash
# The idle scan over 100,000 allocations (contracts, milestones, readings, reports, inspections), against the bare
# SQL of its main rule (missed milestone deadlines) and of its facts query on the same data in the same run.
# Target: a scan of 100,000 allocations under 30 s. Usage: bench/idle-scan.sh [ALLOCATIONS]
source "$(dirname "$0")/lib.sh"
N=${1:-100000}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

start_server
# A few more plots than allocations: roads are never allocated, and the sample's allocations count too.
PLOTS=$(( N + N / 20 ))
echo "generating a synthetic national set (100 estates, $PLOTS plots)"
T0=$(date +%s)
zamin generate --estates 100 --plots "$PLOTS" --seed 17
GEN_S=$(( $(date +%s) - T0 ))

# One investor holds them all (the scan does not care who holds what).
echo 'bench-investor-password' | zamin user add bench-investor@example.org --role investor --password-stdin >/dev/null
AS_OF=$(date -u +%Y-%m-%d)

# Set-based fixture: one approved reservation and one allocation per generated plot, signed over the past five
# years; the deferred trigger writes each contract and its five milestones at COMMIT. Then stages by n mod 4:
# 0 nothing achieved, 1 possession and permit, 2 up to completion, 3 in production with three months of
# electricity (every other one below the threshold); reports and inspections for a share of them.
echo "creating $N allocations with contracts and milestones"
T0=$(date +%s)
pg_env
"$(pg_bin)/psql" -XAtq -v ON_ERROR_STOP=1 -v n="$N" <<'SQL'
BEGIN;
CREATE TEMP TABLE pick ON COMMIT DROP AS
SELECT p.id AS parcel_id, p.estate_id, n,
       nextval(pg_get_serial_sequence('reservation', 'id')) AS reservation_id,
       nextval(pg_get_serial_sequence('allocation', 'id')) AS allocation_id,
       (now() - make_interval(days => ((n * 7919) % 1825)::int)) AS signed_at
  FROM (SELECT p.*, row_number() OVER (ORDER BY p.id) AS n
          FROM parcel p JOIN estate e ON e.id = p.estate_id
         WHERE e.code LIKE 'IR-%' AND p.land_use <> 'road'
         ORDER BY p.id LIMIT greatest(0, :n - (SELECT count(*) FROM allocation WHERE status = 'ACTIVE'))) p;
UPDATE parcel p SET status = 'ALLOCATED' FROM pick WHERE p.id = pick.parcel_id;
INSERT INTO reservation (id, investor_id, estate_id, status, activity_isic, investment, jobs, knowledge_based,
                         deposit_amount, created_at, hold_expires_at, submitted_at, closed_at)
SELECT reservation_id, (SELECT id FROM users WHERE email = 'bench-investor@example.org'), estate_id, 'APPROVED',
       '2599', 1000000000, 20, n % 5 = 0, 1000000, signed_at, signed_at + interval '72 hours', signed_at, signed_at
  FROM pick;
INSERT INTO allocation (id, reservation_id, investor_id, estate_id, created_at)
SELECT allocation_id, reservation_id, (SELECT id FROM users WHERE email = 'bench-investor@example.org'), estate_id,
       signed_at
  FROM pick;
INSERT INTO allocation_parcel (allocation_id, parcel_id) SELECT allocation_id, parcel_id FROM pick;
CREATE TEMP TABLE bench_alloc AS SELECT allocation_id, n FROM pick;
COMMIT;
UPDATE milestone m SET achieved_on = least(m.deadline, current_date)
  FROM bench_alloc b
 WHERE m.allocation_id = b.allocation_id AND m.deadline <= current_date + 400
   AND CASE b.n % 4 WHEN 0 THEN false
                    WHEN 1 THEN m.kind IN ('POSSESSION', 'BUILDING_PERMIT')
                    WHEN 2 THEN m.kind <> 'OPERATING_LICENCE'
                    ELSE true END;
INSERT INTO utility_reading (allocation_id, month, electricity_kwh, water_m3, imported_at)
SELECT b.allocation_id, date_trunc('month', current_date)::date - make_interval(months => k),
       CASE WHEN b.n % 8 = 3 THEN 400 ELSE 25000 END, 300, now()
  FROM bench_alloc b CROSS JOIN generate_series(1, 3) k
 WHERE b.n % 4 = 3;
INSERT INTO progress_report (allocation_id, reported_on, percent, text, created_by, author_role, created_at)
SELECT allocation_id, current_date - (n % 300)::int, 40, 'bench',
       (SELECT id FROM users WHERE email = 'bench-investor@example.org'), 'investor', now()
  FROM bench_alloc WHERE n % 3 = 0;
INSERT INTO inspection (allocation_id, inspected_on, finding, created_at)
SELECT allocation_id, current_date - (n % 200)::int, CASE WHEN n % 7 = 0 THEN 'INACTIVE' ELSE 'ACTIVE' END, now()
  FROM bench_alloc WHERE n % 5 = 1;
ANALYZE;
SQL
FIX_S=$(( $(date +%s) - T0 ))
ALLOCS=$(psql_value "SELECT count(*) FROM allocation WHERE status = 'ACTIVE'")
MILESTONES=$(psql_value "SELECT count(*) FROM milestone")

# The scan through the command line (its own JVM; the scan reports its own time), then a second run, which
# must change nothing.
scan() {
  local t0 t1 out
  t0=$(date +%s.%N)
  out=$(zamin scan-idle --as-of "$AS_OF" | tail -n 1)
  t1=$(date +%s.%N)
  echo "$out" >&2
  echo "$out" | sed -E 's/.*: ([0-9]+) allocations scanned, ([0-9]+) cases opened, ([0-9]+) updated \(([0-9]+) ms\).*/\1 \2 \3 \4/' \
    | tr '\n' ' '
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", b - a }'
}
read -r S1_N S1_OPENED S1_UPDATED S1_MS S1_WALL <<<"$(scan)"
LOAD_SCAN=$(cut -d' ' -f1-3 /proc/loadavg)
read -r S2_N S2_OPENED S2_UPDATED S2_MS S2_WALL <<<"$(scan)"
OPEN_CASES=$(psql_value "SELECT count(*) FROM idle_case WHERE state = 'OPEN'")

# The bare SQL: the main rule alone (allocations with an unmet milestone past its deadline), and the scan's
# facts query with its parameters written in, each over one pgbench connection.
RULE_SQL="SELECT count(DISTINCT m.allocation_id) FROM milestone m JOIN allocation a ON a.id = m.allocation_id
          WHERE a.status = 'ACTIVE' AND m.achieved_on IS NULL AND m.deadline < DATE '$AS_OF'"
MISSED=$(psql_value "$RULE_SQL")
read -r R50 R95 _ <<<"$(time_sql "$RULE_SQL" 10 | stats_ms)"
WIN_END=$(date -u +%Y-%m-01)
WIN_START=$(date -u -d "$WIN_END -3 months" +%Y-%m-%d)
FACTS_SQL="SELECT sum(length(f::text)) FROM ($(sed -e '/^--/d' -e "s/:asOf/DATE '$AS_OF'/g" -e "s/:windowStart/DATE '$WIN_START'/g" \
  -e "s/:windowEnd/DATE '$WIN_END'/g" -e "s/:scoped/false/g" -e "s/:estates/'{}'/g" \
  "$ROOT/src/main/resources/sql/idle/facts.sql")) f"
read -r F50 F95 _ <<<"$(time_sql "$FACTS_SQL" 5 | stats_ms)"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
VERDICT=$(awk -v s="$S1_MS" 'BEGIN { print (s < 30000) ? "meets" : "MISSES" }')
VERDICT2=$(awk -v s="$S2_MS" 'BEGIN { print (s < 30000) ? "meets" : "MISSES" }')

write_section "Idle scan (./zamin scan-idle)" <<MD
Data: \`zamin generate --estates 100 --plots $PLOTS\` ($GEN_S s) plus a set-based SQL fixture in the script ($FIX_S s):
$ALLOCS active allocations (the Gilan sample's and one per generated plot, signed over the past five years),
$MILESTONES milestones, a quarter in production with three months of electricity readings, a third with a
progress report, a fifth inspected. Scan as of $AS_OF through \`./zamin scan-idle\` (own JVM; the time is the
scan's own, one transaction under the advisory lock; wall time includes JVM start). Bare SQL over one pgbench
connection: the main rule alone (allocations with an unmet milestone past its deadline: $MISSED) and the scan's
facts query with its parameters written in, every row and column built (no rules in Java, no writes). Machine: $(machine), shared with
other engineers' builds; load average (1/5/15 min) $LOAD_BEFORE before, $LOAD_SCAN after the first scan,
$LOAD_AFTER at the end.

| run | allocations | cases opened | cases updated | scan ms | wall s |
|---|---|---|---|---|---|
| first scan (opens the cases, sets plots IDLE, one decision each) | $S1_N | $S1_OPENED | $S1_UPDATED | $S1_MS | $S1_WALL |
| second scan, same day (changes nothing) | $S2_N | $S2_OPENED | $S2_UPDATED | $S2_MS | $S2_WALL |

| bare SQL | median ms | p95 ms |
|---|---|---|
| main rule: missed milestone deadlines | $R50 | $R95 |
| the scan's facts query | $F50 | $F95 |

Open cases afterwards: $OPEN_CASES (with the sample's, opened by its own scan at first start). Target: a scan of 100,000 allocations under 30 s: first scan **$VERDICT**,
re-scan **$VERDICT2** the target.
MD
