# Shared helpers for the benchmark scripts: a throwaway Zamin server with its own embedded PostGIS,
# raw SQL against the same cluster, latency statistics, and the RESULTS.md writer.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
# A free port of our own, so benchmarks started side by side never talk to each other's server.
PORT=${BENCH_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
DATA_DIR=${BENCH_DATA_DIR:-$(mktemp -d -t zamin-bench.XXXXXX)}
chmod 755 "$DATA_DIR"
BASE_URL="http://127.0.0.1:$PORT"
SERVER_PID=

start_server() {
  # exec: the background job itself becomes the setsid session leader, so stop_server can end its whole group.
  (cd "$ROOT" && ZAMIN_PORT=$PORT ZAMIN_DATA_DIR=$DATA_DIR exec setsid ./zamin serve >"$DATA_DIR/serve.log" 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    curl -fsS "$BASE_URL/health" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 1
  done
  echo "server did not start; log:" >&2; tail -n 40 "$DATA_DIR/serve.log" >&2; exit 1
}

stop_server() {
  [ -n "$SERVER_PID" ] && { kill -TERM -- -"$SERVER_PID" 2>/dev/null || kill -TERM "$SERVER_PID" 2>/dev/null || true; }
  sleep 3
}
trap stop_server EXIT

# ./zamin with the bench server's data directory (it reuses the running embedded cluster).
zamin() { (cd "$ROOT" && ZAMIN_DATA_DIR=$DATA_DIR ./zamin "$@"); }

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }
pg_env() {
  export PGHOST=127.0.0.1 PGUSER=zamin PGDATABASE=zamin
  PGPORT=$(sed -n 4p "$DATA_DIR/pg/postmaster.pid"); export PGPORT
  PGPASSWORD=$(cat "$DATA_DIR/pg-password"); export PGPASSWORD
}
psql_value() { pg_env; "$(pg_bin)/psql" -XAtq -c "$1"; }

# Prints "median p95 p99" in milliseconds of the seconds read from stdin, one per line.
stats_ms() {
  sort -n | awk '{v[NR]=$1*1000} END {
    m=v[int((NR+1)/2)]; p95=v[int(NR*0.95+0.5)]; p99=v[int(NR*0.99+0.5)]; if (p99=="") p99=v[NR];
    printf "%.1f %.1f %.1f\n", m, p95, p99 }'
}

# Signs in as a demo account (demo mode is on with the embedded database); http_get and time_http then send its
# session cookie.
COOKIE_JAR=
sign_in() {
  COOKIE_JAR="$DATA_DIR/cookies"
  curl -fsS -o /dev/null -c "$COOKIE_JAR" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"zamin-demo-2025\"}" "$BASE_URL/api/auth/login"
}
http_get() { curl -fsS ${COOKIE_JAR:+-b "$COOKIE_JAR"} "$@"; }

# Times N GET requests (after 5 warm-ups) and prints one latency in seconds per line.
time_http() {
  local url=$1 n=$2
  for _ in 1 2 3 4 5; do http_get -o /dev/null "$url"; done
  for _ in $(seq 1 "$n"); do http_get -o /dev/null -w '%{time_total}\n' "$url"; done
}

# Times N runs of one SQL statement over one connection (pgbench, after 5 warm-ups): seconds per line.
time_sql() {
  local sql=$1 n=$2 script log_dir
  pg_env
  script=$(mktemp); log_dir=$(mktemp -d)
  printf '%s\n' "$sql" | tr '\n' ' ' > "$script"; echo >> "$script"
  "$(pg_bin)/pgbench" -n -f "$script" -t 5 >/dev/null 2>&1
  (cd "$log_dir" && "$(pg_bin)/pgbench" -n -f "$script" -t "$n" -l >/dev/null 2>&1)
  awk '{print $3/1e6}' "$log_dir"/pgbench_log.*
  rm -rf "$script" "$log_dir"
}

# Replaces the section "## TITLE" of bench/RESULTS.md with the text on stdin.
write_section() {
  local title=$1 body file="$BENCH_DIR/RESULTS.md"
  body=$(cat)
  [ -f "$file" ] || printf '# Benchmark results\n\nWritten by the scripts in bench/; each section is replaced by its script.\n' > "$file"
  python3 - "$file" "$title" "$body" <<'PY'
import re, sys
path, title, body = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
section = f"## {title}\n\n{body.strip()}\n"
pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
open(path, "w", encoding="utf-8").write(text.rstrip() + "\n")
PY
  echo "wrote section '$title' to bench/RESULTS.md"
}

machine() { echo "$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(date -u +%Y-%m-%d)"; }
