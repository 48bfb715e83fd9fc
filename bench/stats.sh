#!/usr/bin/env bash
# Statistics and the estates list from the kept tallies (parcel_tally, R__parcel_tally.sql) against the bare SQL of
# the recount they replace (every plot grouped by estate and status) and the bare read of the tallies.
# Usage: bench/stats.sh [ESTATES] [PLOTS] [REQUESTS]
source "$(dirname "$0")/lib.sh"
ESTATES=${1:-1000}
PLOTS=${2:-100000}
N=${3:-20}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
start_server
sign_in planner@demo.zamin.ir
echo "generating $ESTATES estates, $PLOTS plots"
T0=$(date +%s)
zamin generate --estates "$ESTATES" --plots "$PLOTS" --seed 5 >/dev/null
GEN_S=$(( $(date +%s) - T0 ))
psql_value "ANALYZE" >/dev/null
TOTAL=$(psql_value "SELECT count(*) FROM parcel")

recount() { # the grouping column: the old statistics' plot counts
  echo "SELECT $1, p.status, count(p.id), coalesce(sum(p.area_m2), 0) FROM estate e
          JOIN province pr ON pr.id = e.province_id LEFT JOIN parcel p ON p.estate_id = e.id GROUP BY 1, 2 ORDER BY 1, 2"
}
kept() {
  echo "SELECT $1, t.status, coalesce(sum(t.plots), 0), coalesce(sum(t.area_m2), 0) FROM estate e
          JOIN province pr ON pr.id = e.province_id LEFT JOIN parcel_tally_now t ON t.estate_id = e.id GROUP BY 1, 2 ORDER BY 1, 2"
}
row() { # label url [sql label sql]...
  local label=$1 url=$2 bytes
  shift 2
  bytes=$(http_get "$url" | wc -c)
  read -r H50 H95 _ <<<"$(time_http "$url" "$N" | stats_ms)"
  local cells="| $label | $bytes | $H50 | $H95 |"
  while [ $# -gt 0 ]; do
    read -r R50 _ _ <<<"$(time_sql "$1" "$N" | stats_ms)"
    cells="$cells $R50 |"
    shift
  done
  echo "$cells"
}
ROWS="$(row '`/api/stats?groupBy=province`' "$BASE_URL/api/stats?groupBy=province" "$(recount pr.code)" "$(kept pr.code)")
$(row '`/api/stats?groupBy=estate`' "$BASE_URL/api/stats?groupBy=estate" "$(recount e.code)" "$(kept e.code)")
$(row '`/api/estates` (summary)' "$BASE_URL/api/estates" "$(recount e.code)" "$(kept e.code)")
$(row '`/api/estates?boundaries=true`' "$BASE_URL/api/estates?boundaries=true" "$(recount e.code)" "$(kept e.code)")"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

write_section "Statistics from kept tallies ($TOTAL plots)" <<MD
$N requests per row after 5 warm-ups, one at a time with curl; the bare queries over one pgbench connection in the
same cluster. The Gilan sample plus \`zamin generate --estates $ESTATES --plots $PLOTS\` ($TOTAL plots; generated in
$GEN_S s). Machine: $(machine), load average before $LOAD_BEFORE, after $LOAD_AFTER.

| answer | bytes | median ms | p95 ms | bare recount of the plots, median ms | bare read of the tallies, median ms |
|---|---|---|---|---|---|
$ROWS

\`/api/stats\` also answers the monthly history, the production times and the reclaimed land from the decision log;
those queries are not part of the bare columns.
MD
