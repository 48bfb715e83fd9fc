#!/usr/bin/env python3
"""GETs a list of paths with C keep-alive connections for S seconds (standard library only).

Usage: tile_load.py BASE_URL PATHS_FILE CONNECTIONS SECONDS
Prints one line: "responses_per_second median_ms p95_ms statuses".
"""
import http.client
import random
import sys
import threading
import time
import urllib.parse


def main():
    base, paths_file, connections, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    paths = [p.strip() for p in open(paths_file, encoding="utf-8") if p.strip()]
    url = urllib.parse.urlsplit(base)
    latencies, statuses, lock = [], {}, threading.Lock()
    stop = time.monotonic() + seconds

    def worker(seed):
        rnd = random.Random(seed)
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        mine, codes = [], {}
        while time.monotonic() < stop:
            t0 = time.monotonic()
            try:
                conn.request("GET", rnd.choice(paths))
                r = conn.getresponse()
                r.read()
                codes[r.status] = codes.get(r.status, 0) + 1
            except (OSError, http.client.HTTPException):
                codes["error"] = codes.get("error", 0) + 1
                conn.close()
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            mine.append(time.monotonic() - t0)
        with lock:
            latencies.extend(mine)
            for k, v in codes.items():
                statuses[k] = statuses.get(k, 0) + v

    start = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    latencies.sort()
    n = len(latencies)
    median = latencies[n // 2] * 1000 if n else 0
    p95 = latencies[min(n - 1, int(n * 0.95))] * 1000 if n else 0
    print(f"{n / elapsed:.0f} {median:.1f} {p95:.1f} {statuses}")


if __name__ == "__main__":
    main()
