#!/usr/bin/env bash
# The README's screenshots of the map (English, Persian, a phone in Persian), made afresh: a throwaway demo server
# (the sample provinces, the offline base layer), bench/screenshots.py in Debian's headless Chromium, PNGs written to
# docs/screenshots/. Usage: ./zamin screenshots (installs Chromium and PostGIS when missing), or bench/screenshots.sh
source "$(dirname "$0")/lib.sh"
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || { echo "needs Debian's chromium and chromium-driver (./zamin screenshots installs them)" >&2; exit 1; }
start_server
python3 "$BENCH_DIR/screenshots.py" "$BASE_URL" "$ROOT/docs/screenshots"
# A clean stop, waited for: the server stops its embedded PostgreSQL itself (lib.sh's stop gives it 3 s).
kill -TERM "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=
