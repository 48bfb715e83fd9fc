#!/usr/bin/env python3
"""Load generator for bench/reservations.sh: POST /api/reservations over raw HTTP/1.1 (asyncio, standard library).

Input lines are "who plotId", who being "session:USER_ID" (a signed-in browser) or an API token. Mode "distinct": every line once over C keep-alive connections; prints throughput
and latency. Mode "race": one new connection per line, all released at the same moment; each latency runs from
opening the connection to the last byte of the answer.

Python and its event loop, rather than a JVM client, so that the generator takes little of the machine it shares
with the server and the database (its CPU time is reported by the script).
"""
import asyncio
import hashlib
import math
import sys
import time
import uuid
from collections import Counter


def credentials(who):
    """ "session:ID" is a signed-in browser (cookie and CSRF token as bench/reservations.sh made them); else a token."""
    if who.startswith("session:"):
        user = who.removeprefix("session:")
        csrf = hashlib.md5(user.encode()).hexdigest()
        return f"Cookie: zamin_session=bench-session-{user}\r\nX-CSRF-Token: {csrf}\r\n"
    return f"Authorization: Bearer {who}\r\n"


def request(host, who, plot):
    body = ('{"parcelIds":[%s],"activity":"1079","investment":1000000,"jobs":10,"knowledgeBased":false}' % plot).encode()
    head = (f"POST /api/reservations HTTP/1.1\r\nHost: {host}\r\n{credentials(who)}"
            f"Idempotency-Key: {uuid.uuid4()}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    return head + body


async def exchange(reader, writer, payload):
    writer.write(payload)
    status_line = await reader.readline()
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return int(status_line.split()[1])


async def distinct(host, port, lines, concurrency):
    queue = list(reversed(lines))
    latencies, statuses = [], Counter()

    async def worker():
        reader, writer = await asyncio.open_connection(host, port)
        while queue:
            token, plot = queue.pop()
            t0 = time.perf_counter()
            statuses[await exchange(reader, writer, request(host, token, plot))] += 1
            latencies.append(time.perf_counter() - t0)
        writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - start, latencies, statuses


async def race(host, port, lines):
    latencies, statuses = [], Counter()
    go = asyncio.Event()

    async def investor(token, plot):
        payload = request(host, token, plot)
        await go.wait()
        t0 = time.perf_counter()
        reader, writer = await asyncio.open_connection(host, port)
        statuses[await exchange(reader, writer, payload)] += 1
        latencies.append(time.perf_counter() - t0)
        writer.close()

    tasks = [asyncio.create_task(investor(t, p)) for t, p in lines]
    await asyncio.sleep(0.05)
    start = time.perf_counter()
    go.set()
    await asyncio.gather(*tasks)
    return time.perf_counter() - start, latencies, statuses


def pct(sorted_ms, p):
    return sorted_ms[min(len(sorted_ms) - 1, max(0, math.ceil(p * len(sorted_ms)) - 1))]


def main():
    base, mode, path = sys.argv[1:4]
    host, port = base.removeprefix("http://").split(":")
    lines = [l.split() for l in open(path) if l.strip()]
    if mode == "distinct":
        seconds, lat, statuses = asyncio.run(distinct(host, int(port), lines, int(sys.argv[4])))
    else:
        seconds, lat, statuses = asyncio.run(race(host, int(port), lines))
    ms = sorted(x * 1000 for x in lat)
    print("requests=%d seconds=%.2f perSecond=%.0f median=%.1f p95=%.1f p99=%.1f max=%.1f statuses=%s" % (
        len(lines), seconds, len(lines) / seconds, pct(ms, 0.5), pct(ms, 0.95), pct(ms, 0.99), ms[-1],
        "{" + ",".join(f"{k}={v}" for k, v in sorted(statuses.items())) + "}"))


if __name__ == "__main__":
    main()
