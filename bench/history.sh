#!/usr/bin/env bash
# The statistics' monthly history read from the monthly snapshots and the kept tallies (R__planning_history.sql)
# against the replay of the whole decision log it replaces. A national set is generated, then a past is laid into the
# log as legacy records (a third of the plots held and approved, a tenth of those idle and reclaimed, over three
# years), the sweep takes the snapshots, and GET /api/stats is timed with the bare queries beside it.
# Usage: bench/history.sh [ESTATES] [PLOTS] [REQUESTS]
source "$(dirname "$0")/lib.sh"
ESTATES=${1:-1000}
PLOTS=${2:-100000}
N=${3:-20}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
T0=$(date +%s)
start_server
START_S=$(( $(date +%s) - T0 ))
sign_in planner@demo.zamin.ir
echo "generating $ESTATES estates, $PLOTS plots"
zamin generate --estates "$ESTATES" --plots "$PLOTS" --seed 5 >/dev/null
# The past, as the legacy import writes it (the owner's session stands for the import here: one statement).
psql_value "
WITH picked AS (
    SELECT p.id, e.code, (now() AT TIME ZONE 'UTC')::date - (30 + (p.id * 7919) % 1050)::int AS held_on
      FROM parcel p JOIN estate e ON e.id = p.estate_id WHERE p.id % 3 = 0
), events AS (
    SELECT id, code, held_on AS day, 'reservation.held' AS event, 1 AS n FROM picked
    UNION ALL SELECT id, code, held_on + 14, 'reservation.approved', 2 FROM picked
    UNION ALL SELECT id, code, held_on + 200, 'idle_case.opened', 3 FROM picked WHERE id % 10 = 0 AND held_on + 290 < now()::date
    UNION ALL SELECT id, code, held_on + 230, 'idle_case.notice_served', 4 FROM picked WHERE id % 10 = 0 AND held_on + 290 < now()::date
    UNION ALL SELECT id, code, held_on + 290, 'idle_case.reclaimed', 5 FROM picked WHERE id % 10 = 0 AND held_on + 290 < now()::date
)
INSERT INTO decision (actor_role, action, subject_type, subject_id, estate_code, parcel_ids, public_details)
SELECT 'system', 'legacy.imported', 'reservation', 'bench-' || id, code, ARRAY[id],
       jsonb_build_object('event', event, 'occurredOn', to_char(day, 'YYYY-MM-DD'))
  FROM events ORDER BY day, id, n" >/dev/null
psql_value "ANALYZE" >/dev/null
TOTAL=$(psql_value "SELECT count(*) FROM parcel")
ENTRIES=$(psql_value "SELECT count(*) FROM decision")
# The sweep (every 15 s) takes the snapshots the legacy records dropped.
T1=$(date +%s)
LAST=$(psql_value "SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 month')::date")
for _ in $(seq 1 120); do
  [ "$(psql_value "SELECT count(*) FROM history_snapshot_month WHERE month = '$LAST'")" = 1 ] && break
  sleep 2
done
TAKE_S=$(( $(date +%s) - T1 ))
MONTHS=$(psql_value "SELECT count(*) FROM history_snapshot_month")
SNAP_ROWS=$(psql_value "SELECT count(*) FROM history_snapshot")

FROM="(date_trunc('month', now() AT TIME ZONE 'UTC') - interval '35 months')::date"
CUR="date_trunc('month', now() AT TIME ZONE 'UTC')::date"
SNAPSHOTS="SELECT month, status, sum(plots), sum(area_m2) FROM (
  SELECT month, estate_id, status, plots, area_m2 FROM history_snapshot WHERE month >= $FROM
  UNION ALL SELECT $CUR, estate_id, status, plots, area_m2::numeric FROM parcel_tally_now) c GROUP BY 1, 2"
REPLAY="SELECT month, status, sum(plots), sum(area_m2) FROM history_replay($FROM, $CUR, now(), NULL) GROUP BY 1, 2"
read -r S50 S95 _ <<<"$(time_sql "$SNAPSHOTS" "$N" | stats_ms)"
read -r R50 R95 _ <<<"$(time_sql "$REPLAY" 5 | stats_ms)"
read -r P50 P95 _ <<<"$(time_http "$BASE_URL/api/stats?groupBy=province" "$N" | stats_ms)"
read -r E50 E95 _ <<<"$(time_http "$BASE_URL/api/stats?groupBy=estate" "$N" | stats_ms)"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

write_section "Monthly history from snapshots ($TOTAL plots)" <<MD
The demo server (sample provinces with their legacy history; first start, sample load included, in $START_S s), then
\`zamin generate --estates $ESTATES --plots $PLOTS\` and a past laid into the log as legacy records ($ENTRIES entries in
all). The sweep took $MONTHS monthly snapshots ($SNAP_ROWS rows) within $TAKE_S s. $N requests per row after 5
warm-ups, one at a time with curl; the bare queries over one pgbench connection (the replay 5 times).
Machine: $(machine), load average before $LOAD_BEFORE, after $LOAD_AFTER.

| query | median ms | p95 ms |
|---|---|---|
| bare history, 36 months: snapshots + kept tallies | $S50 | $S95 |
| bare history, 36 months: replay of the whole log (what it replaces) | $R50 | $R95 |
| \`GET /api/stats?groupBy=province\` (history overall and per province) | $P50 | $P95 |
| \`GET /api/stats?groupBy=estate\` | $E50 | $E95 |

The history's size depends on estates × months × statuses, not on plots: the snapshot read is the same at 1,000,000
plots in 1,000 estates. \`/api/stats\` still reads production times and reclaimed land from the log.
MD
