#!/usr/bin/env python3
"""Load generator for bench/rounds.sh: POST /api/offers/ID/applications at a round window's opening (asyncio,
standard library; the HTTP exchange is reservation_load.py's).

Usage: round_load.py BASE_URL OFFER_ID FILE CONCURRENCY [START_EPOCH]
Input lines are "USER_ID PLOT,PLOT,PLOT ACTIVITY INVESTMENT JOBS KNOWLEDGE_BASED EXPORT_PCT", one application per
signed-in investor (session cookie and CSRF token as bench/rounds.sh made them). The C connections are opened before
START_EPOCH (the window's opening), then every worker sends at that moment and keeps sending until the lines run out.
Prints throughput, latency percentiles and the answers' statuses.
"""
import asyncio
import sys
import time
from collections import Counter

from reservation_load import credentials, exchange, pct


def request(host, offer, line):
    user, ranking, activity, investment, jobs, kb, exports = line
    body = ('{"ranking":[%s],"activity":"%s","investment":%s,"jobs":%s,"knowledgeBased":%s,"exportSharePct":%s}'
            % (ranking, activity, investment, jobs, kb, exports)).encode()
    head = (f"POST /api/offers/{offer}/applications HTTP/1.1\r\nHost: {host}\r\n{credentials('session:' + user)}"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    return head + body


async def run(host, port, offer, lines, concurrency, start_epoch):
    payloads = [request(host, offer, l) for l in lines]
    queue = list(reversed(payloads))
    latencies, statuses = [], Counter()
    connections = [await asyncio.open_connection(host, port) for _ in range(concurrency)]
    await asyncio.sleep(max(0.0, start_epoch - time.time()))

    async def worker(reader, writer):
        while queue:
            payload = queue.pop()
            t0 = time.perf_counter()
            statuses[await exchange(reader, writer, payload)] += 1
            latencies.append(time.perf_counter() - t0)
        writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker(r, w) for r, w in connections))
    return time.perf_counter() - start, latencies, statuses


def main():
    base, offer, path, concurrency = sys.argv[1:5]
    start_epoch = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
    host, port = base.removeprefix("http://").split(":")
    lines = [l.split() for l in open(path) if l.strip()]
    seconds, lat, statuses = asyncio.run(run(host, int(port), offer, lines, int(concurrency), start_epoch))
    ms = sorted(x * 1000 for x in lat)
    print("requests=%d seconds=%.2f perSecond=%.0f median=%.1f p95=%.1f p99=%.1f max=%.1f statuses=%s" % (
        len(lines), seconds, len(lines) / seconds, pct(ms, 0.5), pct(ms, 0.95), pct(ms, 0.99), ms[-1],
        "{" + ",".join(f"{k}={v}" for k, v in sorted(statuses.items())) + "}"))


if __name__ == "__main__":
    main()
